"""Celery task for cohorts: the update email sent when a live session moves or is cancelled.

The emails go through the reminder engine (kind "session_update"), so each change reaches each
participant exactly once even when this task or a send is retried or delivered twice.
Registered with the worker through CELERY_IMPORTS (lms/settings.py) since it is not `courses.tasks`.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def session_update_notify_task(session_id: int, sequence: int) -> int:
    """Store one "session_update" reminder per active participant and send them in batches.

    A stale task (the session changed again: higher SEQUENCE) stores nothing; the newer change
    has its own task. Returns the number of participants the change is for.
    """
    from courses.cohorts.models import CohortMembership, LiveSession
    from courses.learning.models import Enrollment
    from courses.reminders.base import Due, all_kinds
    from courses.reminders.engine import BATCH_SIZE, reminders_store
    from courses.reminders.models import Reminder
    from courses.reminders.tasks import reminders_send_batch_task

    session = LiveSession.objects.filter(pk=session_id).only("id", "cohort_id", "sequence").first()
    if session is None or session.sequence != sequence:
        return 0
    user_ids = list(
        CohortMembership.objects.filter(cohort_id=session.cohort_id, enrollment__status=Enrollment.Status.ACTIVE)
        .order_by("pk")
        .values_list("enrollment__user_id", flat=True)
    )
    key = {"kind": "session_update", "object_key": f"session:{session_id}", "period": f"seq{sequence}"}
    dues = [Due(user_id=uid, object_key=key["object_key"], period=key["period"]) for uid in user_ids]
    reminders_store(kind=all_kinds()["session_update"], dues=dues, now=timezone.now())
    ids = list(
        Reminder.objects.filter(**key, status=Reminder.Status.PENDING).order_by("id").values_list("id", flat=True)
    )
    for i in range(0, len(ids), BATCH_SIZE):
        reminders_send_batch_task.delay(ids[i : i + BATCH_SIZE])
    return len(user_ids)
