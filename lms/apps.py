from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.signals import got_request_exception, request_finished, request_started
from django.urls import register_converter

from lms import lookups
from lms.cache import request_memo_end, request_memo_start
from lms.converters import IdConverter, TokenConverter


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Site"

    def ready(self) -> None:
        # Before any urls.py is read: urls use `<id:…>` for primary keys and `<token:…>` for tokens.
        register_converter(IdConverter, "id")
        register_converter(TokenConverter, "token")
        lookups.register()
        # A memo per request for values read once per request from the shared cache (lms/cache.py).
        request_started.connect(request_memo_start, dispatch_uid="lms.request_memo_start")
        request_finished.connect(request_memo_end, dispatch_uid="lms.request_memo_end")
        got_request_exception.connect(request_memo_end, dispatch_uid="lms.request_memo_end_on_error")
        # Make sure the filesystem broker's folders exist before a worker or the web
        # process tries to use them (embedded mode only).
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        for key in ("data_folder_in", "data_folder_out", "control_folder"):
            if key in options:
                Path(options[key]).mkdir(parents=True, exist_ok=True)
