from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

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
