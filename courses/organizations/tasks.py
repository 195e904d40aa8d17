"""Celery task for invitation emails: thin, takes ids, idempotent (the outbox's rows decide).

The name is the one it had before the area packages, so queued messages still run.
"""

from __future__ import annotations

from courses.organizations.reminders import invitations_send
from lms.celery import task


@task(name="courses.tasks_organizations.invitation_send_batch_task")
def invitation_send_batch_task(invitation_ids: list[int]) -> int:
    """Send up to 100 pending invitations over one SMTP connection. Returns the number sent."""
    return invitations_send(invitation_ids=list(invitation_ids))
