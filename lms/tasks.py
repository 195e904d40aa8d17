import logging
import smtplib

from celery import shared_task

from lms.email import email_from_payload

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def email_send_task(payload: dict) -> None:
    """Send one prepared message. Used for account mail (verification, password reset)."""
    email_from_payload(payload).send()
