"""Celery tasks of the reminder engine: thin, take ids, idempotent, acks_late.

The design (why this sends each email once) is in courses.reminders.engine.
"""

from __future__ import annotations

import logging

from celery import shared_task

from courses.reminders import engine

logger = logging.getLogger(__name__)


@shared_task(name="courses.reminders_sweep_task", acks_late=True, ignore_result=True)
def reminders_sweep_task() -> int:
    """Beat, every 15 minutes: store due reminders, enqueue batches of <= 100 ids."""
    result = engine.reminders_sweep()
    for ids in result.batches:
        reminders_send_batch_task.delay(ids)
    return sum(len(b) for b in result.batches)


@shared_task(
    name="courses.reminders_send_batch_task",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the row's attempts counter is the limit (REMINDERS_MAX_ATTEMPTS)
    ignore_result=True,
)
def reminders_send_batch_task(self, ids: list[int]) -> dict:
    result = engine.reminders_send_batch(ids=list(ids)[: engine.BATCH_SIZE])
    if result.retry:
        # Only the refused ids come back, after exponential backoff with jitter (minutes at most).
        raise self.retry(args=[result.retry], countdown=result.retry_countdown())
    return {"sent": len(result.sent), "failed": len(result.failed), "skipped": len(result.skipped)}
