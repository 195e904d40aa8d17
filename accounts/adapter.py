from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.twofactor import staff_has_authenticator
from lms.email import email_context, email_site, tidy_text
from lms.tasks import email_enqueue


def recipient_language(user) -> str:
    """The language of an account email: the recipient's saved language; for a message to an
    address without an account (or before the user exists) the language of the request, which is
    what the visitor was reading when they asked for it."""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else translation.get_language()


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails are rendered here, in the request, and sent by a Celery task (lms.tasks).

    Every allauth message has a text part (allauth's `*_message.txt`) and an HTML part
    (our `templates/account/email/*_message.html`, on the shared `email/base.html` layout).
    """

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's own send_mail puts `email` and `current_site` in the context; without them its
        texts said "register an account on ." and left the address out. `current_site` is this
        site (SITE_NAME, SITE_URL's host), not the request's host: django.contrib.sites is not used."""
        context = email_context({"email": email, "current_site": email_site(), **context})
        with translation.override(recipient_language(context.get("user"))):
            message = self.render_mail(template_prefix, email, context, headers={"Auto-Submitted": "auto-generated"})
        message.body = tidy_text(message.body)
        email_enqueue(message)

    def get_login_redirect_url(self, request) -> str:
        """Staff without an authenticator app are offered TOTP set-up right after logging in."""
        user = request.user
        if user.is_authenticated and user.is_staff and not staff_has_authenticator(user):
            messages.info(request, _("Staff use two-factor authentication: set up your authenticator app now."))
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)
