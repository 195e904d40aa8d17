from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Site"

    def ready(self) -> None:
        # Make sure the filesystem broker's folders exist before a worker or the web
        # process tries to use them (embedded mode only).
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            if key in options:
                Path(options[key]).mkdir(parents=True, exist_ok=True)
