"""State changes of claimed outbox rows: sent (recorded in batches), given back, failed, skipped.

Every write here is conditional on the claim token, so a row another worker has reclaimed is
never touched. Why recording sends in batches keeps "exactly once": `SentMarks` below, and the
design notes in courses.reminders.engine.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone

from courses.reminders.models import Reminder
from lms.celery import RETRY

# Accepted messages are recorded as sent in one UPDATE per MARK_EVERY messages, or sooner when
# MARK_WITHIN seconds have passed since the last record (a slow SMTP server: then every message
# is recorded on its own, as it used to be). See SentMarks for what this costs in the worst case.
MARK_EVERY = 10
MARK_WITHIN = 0.05


def claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.REMINDERS_CLAIM_TIMEOUT)


def max_attempts() -> int:
    return RETRY.max_retries


def retry_countdown(attempts: int) -> float:
    """Exponential backoff with jitter, capped well below the visibility timeout (lms.celery.RETRY)."""
    return RETRY.countdown(attempts)


@dataclass
class BatchResult:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    retry_at: datetime.datetime | None = None  # when the last refused row may be tried again

    def retry_countdown(self) -> float:
        if self.retry_at is None:
            return 0.0
        return max(0.0, (self.retry_at - timezone.now()).total_seconds()) + 0.5


def set_status(*, ids: list[int], token: str, status: str, error: str = "") -> None:
    Reminder.objects.filter(id__in=ids, claim_token=token).update(status=status, last_error=error[:2000])


def release(*, row: Reminder, token: str, error: str, result: BatchResult) -> None:
    """Give a row back after a refused send: pending with backoff, or failed at the limit."""
    if row.attempts >= max_attempts():
        set_status(ids=[row.id], token=token, status=Reminder.Status.FAILED, error=error)
        result.failed.append(row.id)
        return
    retry_at = timezone.now() + datetime.timedelta(seconds=retry_countdown(row.attempts))
    Reminder.objects.filter(id=row.id, claim_token=token).update(
        status=Reminder.Status.PENDING, last_error=error[:2000], next_attempt_at=retry_at
    )
    result.retry.append(row.id)
    result.retry_at = max(result.retry_at or retry_at, retry_at)


class SentMarks:
    """Rows whose message the SMTP server accepted, recorded as `sent` a few at a time.

    `add()` after each 250 to DATA; the rows are written in ONE conditional UPDATE (`WHERE id IN
    (...) AND claim_token = <ours>`) once MARK_EVERY are waiting or MARK_WITHIN seconds have passed
    since the last write, and leaving the `with` block writes the rest, so an
    exception (a broken connection, the database, Celery's soft time limit) still records every
    accepted message before the task ends. Use it as a context manager around the sending.

    The worst case, and why it is bounded: the process is killed outright (SIGKILL, the OOM
    killer, Celery's hard time limit, power loss) after the server accepted a message and before
    its UPDATE committed. Those rows stay `sending` under the dead worker's token; once the claim
    is older than REMINDERS_CLAIM_TIMEOUT the redelivered task or the next sweep reclaims and
    sends them again. At most MARK_EVERY - 1 messages can be in that state at any moment (with a
    server slower than MARK_WITHIN per message, one: each is recorded as it is accepted); with a
    per-message UPDATE it was one message, so the window is the same in kind, a few messages
    wide, and costs a tenth of the UPDATEs. Each resend carries the same stable
    `Message-ID: <reminder-<id>@host>`, which receiving systems use to fold the duplicate; a
    message the server had not accepted when the worker died was never delivered, and its
    resend is the only copy. Nothing else changes: rows are claimed before sending, and only the
    claimer's token can mark them.
    """

    def __init__(self, *, token: str) -> None:
        self.token = token
        self.ids: list[int] = []
        self.last_write = time.monotonic()

    def __enter__(self) -> SentMarks:
        """On PostgreSQL, this session's commits stop waiting for the WAL flush until __exit__: each
        record is then one round trip (an UPDATE in autocommit), yet visible to every other worker at
        once, which is what protects against a killed worker. Only a crash of the database server
        itself within a fraction of a second could lose a record (and then resend those messages)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")
        return self

    def __exit__(self, *exc_info) -> None:
        """Record what is waiting, whatever ended the sending (an exception included)."""
        try:
            self.flush()
        finally:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")

    def add(self, row_id: int) -> None:
        self.ids.append(row_id)
        if len(self.ids) >= MARK_EVERY or time.monotonic() - self.last_write >= MARK_WITHIN:
            self.flush()

    def flush(self) -> None:
        """Record the waiting rows in one UPDATE, committed at once (autocommit)."""
        self.last_write = time.monotonic()
        if not self.ids:
            return
        ids, self.ids = self.ids, []
        Reminder.objects.filter(id__in=ids, claim_token=self.token).update(
            status=Reminder.Status.SENT, sent_at=timezone.now(), last_error=""
        )
