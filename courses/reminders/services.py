"""Writes for email reminders: preferences, one-click unsubscribe, sending one reminder now."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.reminders.base import Due, all_kinds
from courses.reminders.models import EmailPreference, Reminder


def optional_kinds() -> dict:
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


def email_preferences_for(*, user: User) -> list[tuple[str, object, bool]]:
    """(key, kind, enabled) for every kind, essential ones always enabled. One query."""
    off = set(EmailPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    return [(key, kind, kind.essential or key not in off) for key, kind in sorted(all_kinds().items())]


@transaction.atomic
def reminder_enqueue(*, kind: str, due: Due) -> Reminder | None:
    """Store one reminder now and send it after commit (instead of waiting for the sweep).

    The unique key makes this and the sweep agree: whichever comes first creates the row.
    """
    from courses.reminders.tasks import reminders_send_batch_task

    row, created = Reminder.objects.get_or_create(
        user_id=due.user_id,
        kind=kind,
        object_key=due.object_key,
        period=due.period,
        defaults={"data": dict(due.data), "created_at": timezone.now()},
    )
    if row.status == Reminder.Status.PENDING:
        reminders_send_batch_task.delay_on_commit([row.id])
    return row if created else None


def reminders_sweep_now() -> int:
    """Run one sweep and send what is due in this process (seed_demo, so `make run` shows
    the emails under var/mail/ at once instead of after beat's first 15 minutes)."""
    from courses.reminders import engine

    sent = 0
    for ids in engine.reminders_sweep().batches:
        sent += len(engine.reminders_send_batch(ids=ids).sent)
    return sent
