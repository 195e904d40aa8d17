"""Writes for email reminders: preferences, one-click unsubscribe, and storing emails to send now.

`reminders_deliver` is the outbox's front door for emails caused by an event (a submission, a
review, an invitation, a moved session, a certificate): it stores the rows in the caller's
transaction and sends them after commit, so a rolled-back request sends nothing and a repeated
call sends nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.reminders import engine
from courses.reminders.base import Due, ReminderKind, all_kinds
from courses.reminders.models import EmailPreference, Reminder
from courses.reminders.tasks import reminders_send_batch_task


def optional_kinds() -> dict[str, ReminderKind]:
    return {key: kind for key, kind in all_kinds().items() if not kind.essential}


@transaction.atomic
def email_preference_set(*, user: User, kind: str, enabled: bool) -> EmailPreference:
    """Switch one non-essential kind on or off. Essential kinds refuse."""
    kinds = all_kinds()
    if kind not in kinds:
        raise ValidationError(_("Unknown kind of email."), code="unknown_kind")
    if kinds[kind].essential and not enabled:
        raise ValidationError(_("This email is essential and cannot be turned off."), code="essential")
    pref, _created = EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"enabled": enabled})
    return pref


@transaction.atomic
def email_preferences_save(*, user: User, enabled_kinds: set[str]) -> None:
    """Save the preferences page: every optional kind on iff it is in `enabled_kinds`."""
    for key in optional_kinds():
        email_preference_set(user=user, kind=key, enabled=key in enabled_kinds)


def email_preferences_for(*, user: User) -> list[tuple[str, ReminderKind, bool]]:
    """(key, kind, enabled) for every kind, essential ones always enabled. One query."""
    off = set(EmailPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    return [(key, kind, kind.essential or key not in off) for key, kind in sorted(all_kinds().items())]


def _pending_ids(*, kind: str, dues: list[Due]) -> list[int]:
    """The ids of the still-pending rows for these dues (one query)."""
    keys = {(d.user_id, "" if d.user_id else d.email, d.object_key, d.period) for d in dues}
    rows = Reminder.objects.filter(
        Q(user_id__in={d.user_id for d in dues if d.user_id}) | Q(email__in={d.email for d in dues if not d.user_id}),
        kind=kind,
        object_key__in={d.object_key for d in dues},
        period__in={d.period for d in dues},
        status=Reminder.Status.PENDING,
    ).values_list("id", "user_id", "email", "object_key", "period")
    return sorted(pk for pk, *key in rows if tuple(key) in keys)


@transaction.atomic
def reminders_deliver(*, kind: str, dues: Iterable[Due]) -> list[int]:
    """Store one row per Due (existing keys are kept) and send the pending ones after commit.

    The unique key makes this, a repeated call and the sweep agree: whichever comes first creates
    the row, and the engine's claim sends it once. Returns the ids of the pending rows.
    """
    dues = list(dues)
    if not dues:
        return []
    engine.reminders_store(kind=all_kinds()[kind], dues=dues, now=timezone.now())
    ids = _pending_ids(kind=kind, dues=dues)
    for batch in engine.batches(ids):
        reminders_send_batch_task.delay_on_commit(batch)
    return ids


def reminders_deliver_now(*, kind: str, dues: Iterable[Due]) -> int:
    """For tasks: store the rows (committed at once) and send the pending ones in this worker,
    one SMTP connection per batch. Returns the number sent.

    A repeated or redelivered task finds its rows sent and sends nothing. Rows the server
    refused stay pending with backoff and are retried by the batch task (and by the sweep).
    """
    dues = list(dues)
    if not dues:
        return 0
    engine.reminders_store(kind=all_kinds()[kind], dues=dues, now=timezone.now())
    sent = 0
    for batch in engine.batches(_pending_ids(kind=kind, dues=dues)):
        result = engine.reminders_send_batch(ids=batch)
        sent += len(result.sent)
        if result.retry:
            reminders_send_batch_task.apply_async(args=[result.retry], countdown=result.retry_countdown())
    return sent


@transaction.atomic
def reminder_enqueue(*, kind: str, due: Due) -> Reminder | None:
    """Store one reminder and send it after commit. Returns the pending row (None once sent)."""
    ids = reminders_deliver(kind=kind, dues=[due])
    return Reminder.objects.filter(id__in=ids).first()


def reminders_sweep_now() -> int:
    """Run one sweep and send what is due in this process (seed_demo, so `make run` shows
    the emails under var/mail/ at once instead of after beat's first 15 minutes)."""
    sent = 0
    for ids in engine.reminders_sweep().batches:
        sent += len(engine.reminders_send_batch(ids=ids).sent)
    return sent
