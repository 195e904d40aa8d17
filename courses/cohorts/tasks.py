"""Celery task for cohorts: the update email sent when a live session moves or is cancelled.

The emails go through the reminder engine (kind "session_update"), so each change reaches each
participant exactly once even when this task or a send is retried or delivered twice. The name
is the one it had before the area packages, so queued messages still run.
"""

from __future__ import annotations

from courses.cohorts.reminders import session_update_send
from lms.celery import task


@task(name="courses.cohort_tasks.session_update_notify_task")
def session_update_notify_task(session_id: int, sequence: int) -> int:
    """Returns the number of participants the change is for (0 for a stale SEQUENCE)."""
    return session_update_send(session_id=session_id, sequence=sequence)
