from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Imported here: the services need the models, which are not loaded when this module is.
        from accounts.services import menu_flag_prime

        user_logged_in.connect(menu_flag_prime, dispatch_uid="accounts.menu_flag_prime")
