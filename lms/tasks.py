"""allauth's account emails (verification, password reset, security notices): rendered in the
request by accounts.adapter, sent here by a Celery worker after the transaction commits.

They do not go through the reminder engine's outbox: they carry one-time secrets (verification
keys, password-reset links) that should not be stored in a table staff can read in the admin,
they are addressed to whatever address someone typed (also unknown ones: no enumeration), and
a rare duplicate is harmless (the newest link works) while a lost one is not, so the task's
retries (the site's one retry policy) are what matters.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives

from lms.celery import task
from lms.email import email_from_payload, email_to_payload


@task(name="lms.tasks.email_send_task")
def email_send_task(payload: dict) -> None:
    """Send one prepared message."""
    email_from_payload(payload).send()


def email_enqueue(message: EmailMultiAlternatives) -> None:
    """Send `message` from a Celery worker once the current transaction commits."""
    email_send_task.delay_on_commit(email_to_payload(message))
