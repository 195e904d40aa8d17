"""The reminder engine: find what is due, store it once, send it once.

Design ("exactly once", as close as SMTP allows)
------------------------------------------------
1. **One row per email.** A kind's `find_due(now)` yields `Due(user, object_key, period)` (or
   `Due(email=...)` for people without an account: invitations, buddies). The sweep stores them
   with `bulk_create(ignore_conflicts=True)` against the unique constraints (user or email,
   kind, object_key, period). Emails caused by an event (a submission, a review, an
   invitation, a moved session, a certificate) are stored the same way by
   `courses.reminders.services.reminders_deliver` and sent at once. Two sweeps running at
   once (beat fired twice, two beat processes) both try to insert; the database keeps one
   row. A kind may return the same Due on every sweep: that is a no-op.
2. **Claim before send.** `reminders_send_batch_task(ids)` claims its rows with ONE conditional
   UPDATE: `status='pending' (and next_attempt_at due) OR (status='sending' AND claimed_at <
   now - REMINDERS_CLAIM_TIMEOUT)` -> `status='sending', claim_token=<fresh random>, claimed_at=now,
   attempts+1`, and then works only on rows carrying its own token. PostgreSQL row locks make
   the UPDATE atomic per row, so two tasks holding the same ids (the sweep enqueued them twice,
   or a message was delivered twice) never both get a row: the loser's UPDATE sees the row no
   longer matches and skips it.
3. **Done only after the server said yes.** Each message is handed to the SMTP server on one
   connection opened once per batch; once the server accepts it (250 to DATA) the row is
   recorded `sent` (UPDATE ... WHERE id IN (...) AND claim_token=<ours>), a few accepted rows
   per statement: every MARK_EVERY messages or MARK_WITHIN seconds, and always before the task
   ends, exceptions included (courses.reminders.outbox.SentMarks, which also spells out the
   bounded worst case). On PostgreSQL that commit skips the WAL-flush wait (synchronous_commit
   off for that transaction only; visible to other workers at once). A refusal (4xx/5xx) or a broken
   connection puts the row back to `pending` with `last_error` and `next_attempt_at`, and the
   task retries itself for those ids with exponential backoff + jitter (countdown capped at a
   few minutes, well under the Redis visibility timeout: the site's one retry policy,
   lms.celery.RETRY). After TASK_MAX_RETRIES the row becomes `failed`; staff see it in the
   admin and the "retry" action resets it to pending.
4. **Worker killed mid-send (SIGKILL).** Tasks are `acks_late` with reject_on_worker_lost, so the
   broker redelivers the message; rows the dead worker had claimed stay `sending`. They are
   reclaimed once their claim is older than REMINDERS_CLAIM_TIMEOUT (longer than any batch can
   take; the task time limit is shorter), either by the redelivered task or by the next sweep,
   which also enqueues stale `sending` rows. A message whose DATA had not been accepted when
   the worker died was not delivered, so sending it again is the only copy. The one window no
   protocol closes: the server accepted a message and the worker was killed before the UPDATE
   recording it committed: at most MARK_EVERY - 1 messages accepted within the last
   MARK_WITHIN seconds (outbox.SentMarks). Those go out twice; each carries a stable
   Message-ID `<reminder-<id>@host>` so receiving systems can fold the duplicate.
5. **Rolled-back transactions send nothing.** Code that writes a row and wants it sent at once
   (courses.reminders.services.reminders_deliver) enqueues with `delay_on_commit`;
   and even a task enqueued directly inside a transaction that rolls back finds no row to claim.
6. **Preferences.** At claim time rows of non-essential kinds whose user turned the kind off
   become `skipped`. Non-essential messages carry RFC 8058 `List-Unsubscribe` headers with a
   salted, signed token (user id + kind) that works without login, written as a plain `<URL>`
   in the raw message (lms.email.SiteEmail); every message carries `List-Id` (one per kind) and
   `Auto-Submitted: auto-generated`.
7. **No far-future ETAs.** Nothing is scheduled ahead: the beat sweep every 15 minutes finds due
   work, and retry countdowns stay at minutes.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import secrets
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from courses.reminders.base import Due, ReminderKind, all_kinds
from courses.reminders.models import EmailPreference, Reminder
from courses.reminders.outbox import BatchResult, SentMarks, claim_timeout, release, set_status
from lms.email import email_render, site_host
from lms.links import absolute_url

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
UNSUBSCRIBE_SALT = "courses.reminders.unsubscribe"


# --- Unsubscribe tokens ------------------------------------------------------------


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_load(token: str) -> tuple[int, str]:
    """(user_id, kind) from a token; raises signing.BadSignature when tampered."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        raise signing.BadSignature("malformed")
    return data["u"], data["k"]


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url("courses:unsubscribe", token=token)


# --- Sweep -------------------------------------------------------------------------


@dataclass
class SweepResult:
    created: int = 0
    batches: list[list[int]] = field(default_factory=list)


STORE_CHUNK = 500


def reminders_store(*, kind: ReminderKind, dues: Iterable[Due], now: datetime.datetime) -> int:
    """Insert a row per Due; rows that exist already (same unique key) are left as they are.

    `dues` is consumed STORE_CHUNK at a time (one INSERT each), so a kind that streams its rows
    (a generator over `.iterator()`) never has more than a chunk of them in the worker's memory."""
    stored = 0
    for chunk in itertools.batched(dues, STORE_CHUNK):
        rows = [
            Reminder(
                user_id=d.user_id,
                email="" if d.user_id else d.email,
                kind=kind.key,
                object_key=d.object_key,
                period=d.period,
                data=dict(d.data),
                created_at=now,
            )
            for d in chunk
        ]
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        stored += len(rows)
    return stored


def sendable_ids(*, now: datetime.datetime) -> list[int]:
    """Pending rows that are due, and rows whose claim went stale (their worker died)."""
    return list(
        Reminder.objects.filter(
            Q(status=Reminder.Status.PENDING, next_attempt_at__isnull=True)
            | Q(status=Reminder.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Reminder.Status.SENDING, claimed_at__lt=now - claim_timeout())
        )
        .order_by("id")
        .values_list("id", flat=True)
    )


def batches(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]


def reminders_sweep(*, now: datetime.datetime | None = None) -> SweepResult:
    """Store every due reminder and return the ids to send, in batches of BATCH_SIZE."""
    now = now or timezone.now()
    result = SweepResult()
    for kind in all_kinds().values():
        try:
            result.created += reminders_store(kind=kind, dues=kind.find_due(now=now), now=now)
        except Exception:  # one broken kind must not stop the others
            logger.exception("reminder kind %s failed in find_due", kind.key)
    ids = sendable_ids(now=now)
    if len(ids) >= FRESH_STATISTICS_ABOVE:
        _refresh_statistics()
    result.batches = batches(ids)
    return result


# Many rows waiting (a cohort of thousands enrolled at once): the planner's row counts for the
# outbox may predate them. Measured for issue 18 on PostgreSQL with 10,000 new rows: each claim
# then read every pending row through the status index (1 ms, growing with the queue: quadratic
# over a sweep) instead of its 100 ids through the primary key (0.1 ms). ANALYZE samples the
# table in a few milliseconds; autovacuum would do it too, but only up to a minute later.
FRESH_STATISTICS_ABOVE = 1000


def _refresh_statistics() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Reminder._meta.db_table)}")


# --- Sending -----------------------------------------------------------------------


def reminders_claim(*, ids: list[int], now: datetime.datetime | None = None) -> tuple[str, list[Reminder]]:
    """Atomically take the rows no one else holds. Returns (token, claimed rows with user)."""
    now = now or timezone.now()
    token = secrets.token_hex(16)
    Reminder.objects.filter(
        Q(status=Reminder.Status.PENDING, next_attempt_at__isnull=True)
        | Q(status=Reminder.Status.PENDING, next_attempt_at__lte=now + datetime.timedelta(seconds=2))
        | Q(status=Reminder.Status.SENDING, claimed_at__lt=now - claim_timeout()),
        id__in=ids,
    ).update(status=Reminder.Status.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    rows = list(
        Reminder.objects.filter(id__in=ids, claim_token=token, status=Reminder.Status.SENDING)
        .select_related("user")
        .order_by("id")
    )
    return token, rows


def _skip_unsubscribed(rows: list[Reminder], kinds: dict[str, ReminderKind], token: str) -> list[Reminder]:
    """Rows of non-essential kinds for users who turned the kind off (or are inactive) are skipped."""
    optional = [r for r in rows if r.user_id and not kinds[r.kind].essential]
    if not optional:
        return rows
    off = set(
        EmailPreference.objects.filter(
            user_id__in={r.user_id for r in optional}, kind__in={r.kind for r in optional}, enabled=False
        ).values_list("user_id", "kind")
    )
    skipped = {r.id for r in optional if (r.user_id, r.kind) in off or not r.user.is_active}
    if skipped:
        Reminder.objects.filter(id__in=skipped, claim_token=token).update(status=Reminder.Status.SKIPPED)
    return [r for r in rows if r.id not in skipped]


def list_id(kind: ReminderKind, host: str | None = None) -> str:
    """RFC 2919 List-Id: one list per kind, so people can filter (or a client can group) them."""
    return f"{settings.SITE_NAME} reminders <{kind.key.replace('_', '-')}.reminders.{host or site_host()}>"


@dataclass(frozen=True)
class BatchSite:
    """What every message of a batch shares, worked out once per batch instead of once per message."""

    host: str
    preferences_url: str

    @classmethod
    def current(cls) -> BatchSite:
        return cls(host=site_host(), preferences_url=absolute_url("courses:email_preferences"))


def _message_for(
    row: Reminder, kind: ReminderKind, context: dict, site: BatchSite | None = None
) -> EmailMultiAlternatives:
    """One outbox row's message: every kind gets List-Id and Auto-Submitted (RFC 3834); the
    non-essential ones also RFC 8058 one-click List-Unsubscribe (the unsubscribe view takes POST)."""
    site = site or BatchSite.current()
    user = row.user
    headers = {
        "Message-ID": f"<reminder-{row.id}@{site.host}>",
        "List-Id": list_id(kind, site.host),
        "Auto-Submitted": "auto-generated",
    }
    ctx = {
        "user": user,
        "reminder": row,
        "kind_label": kind.label,
        "essential": kind.essential,
        "preferences_url": site.preferences_url,
        **context,
    }
    if user is not None and not kind.essential:
        url = unsubscribe_url(user_id=user.id, kind=kind.key)
        ctx["unsubscribe_url"] = url
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    language = user.language if user is not None else context.get("language")
    message = email_render(template=kind.template, to=[row.recipient], context=ctx, language=language, headers=headers)
    # A kind may attach files (e.g. a calendar invitation): (filename, content, mimetype) triples.
    for filename, content, mimetype in context.get("attachments", ()):
        message.attach(filename, content, mimetype)
    return message


def _kind_messages(
    *, kind: ReminderKind, rows: list[Reminder], token: str, result: BatchResult, site: BatchSite
) -> list[tuple[Reminder, EmailMultiAlternatives]]:
    """Render the messages of one kind's rows; rows no longer due are skipped, broken ones fail."""
    try:
        contexts = kind.contexts(reminders=rows)
    except Exception as exc:
        logger.exception("reminder kind %s failed in contexts", kind.key)
        for row in rows:
            release(row=row, token=token, error=f"contexts: {exc!r}", result=result)
        return []
    messages = []
    gone = [row.id for row in rows if row.id not in contexts]  # the object vanished or no longer qualifies
    for row in rows:
        if row.id not in contexts:
            continue
        try:
            messages.append((row, _message_for(row, kind, contexts[row.id], site)))
        except Exception as exc:
            logger.exception("reminder %s failed to render", row.id)
            set_status(ids=[row.id], token=token, status=Reminder.Status.FAILED, error=f"render: {exc!r}")
            result.failed.append(row.id)
    if gone:
        set_status(ids=gone, token=token, status=Reminder.Status.SKIPPED, error="no longer due")
        result.skipped += gone
    return messages


def _messages(*, rows: list[Reminder], token: str, result: BatchResult) -> list[tuple[Reminder, object]]:
    """The claimed rows' messages, after unknown kinds failed and unsubscribed rows were skipped."""
    kinds = all_kinds()
    unknown = [r.id for r in rows if r.kind not in kinds]
    if unknown:
        set_status(ids=unknown, token=token, status=Reminder.Status.FAILED, error="unknown reminder kind")
        result.failed += unknown
    known = [r for r in rows if r.kind in kinds]
    rows = _skip_unsubscribed(known, kinds, token)
    result.skipped += sorted({r.id for r in known} - {r.id for r in rows})
    by_kind: dict[str, list[Reminder]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    messages, site = [], BatchSite.current()
    for key, kind_rows in by_kind.items():
        messages += _kind_messages(kind=kinds[key], rows=kind_rows, token=token, result=result, site=site)
    return messages


def _deliver(*, messages: list, token: str, result: BatchResult) -> None:
    """Hand the messages to the default mailer over one connection; record them sent as the server
    accepts them, a few rows per UPDATE (outbox.SentMarks), the last ones however the loop ends."""
    mailer = mailers.default
    try:
        mailer.open()
    except (smtplib.SMTPException, OSError) as exc:
        for row, _message in messages:
            release(row=row, token=token, error=f"connect: {exc!r}", result=result)
        return
    try:
        with SentMarks(token=token) as marks:
            for index, (row, message) in enumerate(messages):
                try:
                    accepted = mailer.send_messages([message])
                except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
                    # The connection is gone: everything not yet sent goes back.
                    for later_row, _m in messages[index:]:
                        release(row=later_row, token=token, error=f"smtp: {exc!r}", result=result)
                    break
                except smtplib.SMTPException as exc:
                    release(row=row, token=token, error=f"smtp: {exc!r}", result=result)
                    continue
                if accepted:
                    marks.add(row.id)
                    result.sent.append(row.id)
                else:
                    release(row=row, token=token, error="not accepted", result=result)
    finally:
        try:
            mailer.close()
        except Exception:  # closing a broken connection must not hide the result
            logger.debug("closing SMTP connection failed", exc_info=True)


def reminders_send_batch(*, ids: list[int]) -> BatchResult:
    """Claim, render and send up to BATCH_SIZE reminders over one SMTP connection."""
    result = BatchResult()
    token, rows = reminders_claim(ids=ids)
    if not rows:
        return result
    messages = _messages(rows=rows, token=token, result=result)
    if messages:
        _deliver(messages=messages, token=token, result=result)
    return result


def reminders_retry(*, ids: Iterable[int]) -> int:
    """Staff: put failed rows back in the queue (the next sweep sends them)."""
    return Reminder.objects.filter(id__in=list(ids), status=Reminder.Status.FAILED).update(
        status=Reminder.Status.PENDING, attempts=0, next_attempt_at=None, claim_token="", last_error=""
    )
