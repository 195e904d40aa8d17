from allauth.account.adapter import DefaultAccountAdapter

from lms.email import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails are rendered here, in the request, and sent by a Celery task."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        email_enqueue(message)
