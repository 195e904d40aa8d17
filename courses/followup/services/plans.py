"""Writes for commitment plans: check-in dates, the plan, its buddy, and sharing with trainers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.followup.models import (
    DEFAULT_CHECKIN_WEEKS,
    MAX_COMMITMENTS,
    MAX_MONTHS_AHEAD,
    MIN_COMMITMENTS,
    Buddy,
    CheckIn,
    Commitment,
    CommitmentPlan,
    FollowupShare,
)
from courses.learning.models import Course, Exercise
from courses.learning.services import exercise_mark_complete
from courses.reminders.base import Due
from courses.reminders.services import reminder_enqueue

MAX_CHECKINS_PER_PLAN = 20
CHECKIN_HOUR = 9  # check-ins fall due at 09:00 local time on their date


# --- Dates ---------------------------------------------------------------------------------


def checkin_latest_date(*, today: datetime.date) -> datetime.date:
    return today + relativedelta(months=MAX_MONTHS_AHEAD)


def default_checkin_dates(*, today: datetime.date) -> list[datetime.date]:
    return [today + datetime.timedelta(weeks=w) for w in DEFAULT_CHECKIN_WEEKS]


def checkin_dates_validate(*, dates: Sequence[datetime.date], today: datetime.date) -> list[datetime.date]:
    """Sorted, de-duplicated dates; each after today and at most MAX_MONTHS_AHEAD months ahead."""
    latest = checkin_latest_date(today=today)
    errors = []
    for day in dates:
        if day <= today:
            errors.append(
                ValidationError(
                    _("%(date)s is not in the future. Pick a date after today."),
                    code="past",
                    params={"date": day.isoformat()},
                )
            )
        elif day > latest:
            errors.append(
                ValidationError(
                    _("%(date)s is more than %(months)d months ahead. Pick a date on or before %(latest)s."),
                    code="too_far",
                    params={"date": day.isoformat(), "months": MAX_MONTHS_AHEAD, "latest": latest.isoformat()},
                )
            )
    if errors:
        raise ValidationError(errors)
    return sorted(set(dates))


def checkin_due_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(CHECKIN_HOUR)))


def _today() -> datetime.date:
    return timezone.localdate()


# --- Plans ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentInput:
    situation: str
    behaviour: str
    why: str = ""


def _plan_input_check(
    *,
    user: User,
    commitments: Sequence[CommitmentInput],
    checkin_dates: Sequence[datetime.date] | None,
    buddy_email: str,
) -> list[datetime.date]:
    """The plan's check-in dates; ValidationError (keyed by field) for every problem in the input."""
    errors: dict[str, list[ValidationError]] = {}
    if len(commitments) < MIN_COMMITMENTS:
        errors["commitments"] = [ValidationError(_("Write at least one commitment."), code="none")]
    elif len(commitments) > MAX_COMMITMENTS:
        errors["commitments"] = [
            ValidationError(
                _("A plan holds at most %(max)d commitments: pick the ones that matter most."),
                code="too_many",
                params={"max": MAX_COMMITMENTS},
            )
        ]
    elif any(not c.situation or not c.behaviour for c in commitments):
        errors["commitments"] = [
            ValidationError(_("Each commitment needs both a situation and a behaviour."), code="empty")
        ]
    today = _today()
    if checkin_dates is None or len(checkin_dates) == 0:
        dates = default_checkin_dates(today=today)
    else:
        try:
            dates = checkin_dates_validate(dates=checkin_dates, today=today)
        except ValidationError as exc:
            errors["checkin_dates"] = exc.error_list
            dates = []
        if len(dates) > MAX_CHECKINS_PER_PLAN:
            errors.setdefault("checkin_dates", []).append(
                ValidationError(_("Choose at most %(max)d dates."), params={"max": MAX_CHECKINS_PER_PLAN})
            )
    if buddy_email and buddy_email == user.email.lower():
        errors["buddy_email"] = [ValidationError(_("Your buddy must be someone else."), code="self")]
    if errors:
        raise ValidationError(errors)
    return dates


@transaction.atomic
def plan_create(
    *,
    user: User,
    exercise: Exercise,
    commitments: Sequence[CommitmentInput],
    checkin_dates: Sequence[datetime.date] | None = None,
    buddy_email: str = "",
    buddy_name: str = "",
) -> CommitmentPlan:
    """Make a commitment plan: 1-3 commitments, its check-ins, and an optional buddy invitation.

    Marks the plan exercise complete. Raises ValidationError (keyed by field) on bad input and
    then changes nothing.
    """
    if exercise.kind != Exercise.Kind.PLAN:
        raise ValidationError(_("This exercise does not take a commitment plan."), code="wrong_kind")
    cleaned = [CommitmentInput(c.situation.strip(), c.behaviour.strip(), (c.why or "").strip()) for c in commitments]
    buddy_email = (buddy_email or "").strip().lower()
    dates = _plan_input_check(user=user, commitments=cleaned, checkin_dates=checkin_dates, buddy_email=buddy_email)
    if CommitmentPlan.objects.filter(user=user, exercise=exercise).exists():
        raise ValidationError(_("You already made a plan for this exercise."), code="exists")

    try:
        with transaction.atomic():
            plan = CommitmentPlan(user=user, exercise=exercise, course_id=exercise.course_id)
            plan.full_clean(exclude=["course"], validate_constraints=False)
            plan.save()
    except IntegrityError as exc:
        raise ValidationError(_("You already made a plan for this exercise."), code="exists") from exc
    rows = []
    for position, c in enumerate(cleaned, start=1):
        row = Commitment(plan=plan, position=position, situation=c.situation, behaviour=c.behaviour, why=c.why)
        row.full_clean(exclude=["plan"], validate_constraints=False)
        rows.append(row)
    Commitment.objects.bulk_create(rows)
    CheckIn.objects.bulk_create([CheckIn(plan=plan, due_at=checkin_due_at(day)) for day in dates])
    if buddy_email:
        buddy = Buddy(
            plan=plan,
            email=buddy_email,
            name=buddy_name.strip(),
            user=User.objects.filter(email__iexact=buddy_email).first(),
        )
        buddy.full_clean(exclude=["plan", "user"])
        buddy.save()
        _buddy_invite_send(buddy=buddy, plan=plan, commitments=rows)
    exercise_mark_complete(user=user, exercise=exercise)
    return plan


def _buddy_invite_send(*, buddy: Buddy, plan: CommitmentPlan, commitments: Sequence[Commitment]) -> None:
    """The buddy's invitation goes through the outbox (courses.followup.reminders.BuddyInviteKind)."""
    reminder_enqueue(
        kind="buddy_invite", due=Due(user_id=None, email=buddy.email, object_key=f"buddy:{buddy.pk}", period="invite")
    )


@transaction.atomic
def buddy_respond(*, buddy: Buddy, accept: bool, user: User | None = None) -> Buddy:
    """The buddy accepts or declines. Only an invited buddy can respond; answering twice is a no-op."""
    buddy = Buddy.objects.select_for_update().get(pk=buddy.pk)
    if buddy.status != Buddy.Status.INVITED:
        return buddy
    buddy.status = Buddy.Status.ACCEPTED if accept else Buddy.Status.DECLINED
    buddy.accepted_at = timezone.now() if accept else None
    fields = ["status", "accepted_at"]
    if user is not None and user.is_authenticated and user.email.lower() == buddy.email.lower():
        buddy.user = user
        fields.append("user")
    buddy.save(update_fields=fields)
    return buddy


# --- Sharing with trainers -----------------------------------------------------------------------


@transaction.atomic
def followup_share_update(*, user: User, course: Course, shared: bool) -> bool:
    if shared:
        FollowupShare.objects.get_or_create(user=user, course=course)
    else:
        FollowupShare.objects.filter(user=user, course=course).delete()
    return shared
