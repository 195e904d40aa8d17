"""Celery tasks of the reminder engine: thin, take ids, idempotent, the site's retry policy.

The design (why this sends each email once) is in courses.reminders.engine.
"""

from __future__ import annotations

from celery import Task

from courses.reminders import engine
from lms.celery import task


@task(name="courses.reminders_sweep_task")
def reminders_sweep_task() -> int:
    """Beat, every 15 minutes: store due reminders, enqueue batches of <= 100 ids."""
    result = engine.reminders_sweep()
    for ids in result.batches:
        reminders_send_batch_task.delay(ids)
    return sum(len(b) for b in result.batches)


@task(name="courses.reminders_send_batch_task", bind=True)
def reminders_send_batch_task(self: Task, ids: list[int]) -> dict:
    """Send one batch; only the refused ids come back, after the row's backoff (minutes at most)."""
    result = engine.reminders_send_batch(ids=list(ids)[: engine.BATCH_SIZE])
    if result.retry:
        raise self.retry(args=[result.retry], countdown=result.retry_countdown())
    return {"sent": len(result.sent), "failed": len(result.failed), "skipped": len(result.skipped)}
