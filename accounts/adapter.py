from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.twofactor import staff_has_authenticator
from lms.tasks import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails are rendered here, in the request, and sent by a Celery task (lms.tasks).

    Every allauth message has a text part (allauth's `*_message.txt`) and an HTML part
    (our `templates/account/email/*_message.html`, on the shared `email/base.html` layout).
    """

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
        message = self.render_mail(template_prefix, email, context)
        email_enqueue(message)

    def get_login_redirect_url(self, request) -> str:
        """Staff without an authenticator app are offered TOTP set-up right after logging in."""
        user = request.user
        if user.is_authenticated and user.is_staff and not staff_has_authenticator(user):
            messages.info(request, _("Staff use two-factor authentication: set up your authenticator app now."))
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)
