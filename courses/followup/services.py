"""Writes for follow-up: commitment plans, buddies, check-ins and the coaching practice log.

Nothing here looks at the enrollment's status: check-ins go on after a course is completed.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.followup.models import (
    MAX_COMMITMENTS,
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.learning.models import Course, Exercise
from courses.learning.services import exercise_mark_complete
from courses.reminders.base import Due
from courses.reminders.services import reminder_enqueue

CHECKIN_TOKEN_SALT = "courses.followup.checkin"
CHECKIN_LINK_MAX_AGE = datetime.timedelta(days=14)
DEFAULT_CHECKIN_WEEKS = (1, 3, 8)
MAX_MONTHS_AHEAD = 6
MAX_CHECKINS_PER_PLAN = 20
CHECKIN_HOUR = 9  # check-ins fall due at 09:00 local time on their date
PRACTICE_LOG_MIN_ENTRIES = 3  # default for a practice-log exercise without its own number


# --- Dates ---------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def checkin_latest_date(*, today: datetime.date) -> datetime.date:
    return add_months(today, MAX_MONTHS_AHEAD)


def default_checkin_dates(*, today: datetime.date) -> list[datetime.date]:
    return [today + datetime.timedelta(weeks=w) for w in DEFAULT_CHECKIN_WEEKS]


def checkin_dates_validate(*, dates: Sequence[datetime.date], today: datetime.date) -> list[datetime.date]:
    """Sorted, de-duplicated dates; each after today and at most six months ahead."""
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
                    _("%(date)s is more than 6 months ahead. Pick a date on or before %(latest)s."),
                    code="too_far",
                    params={"date": day.isoformat(), "latest": latest.isoformat()},
                )
            )
    if errors:
        raise ValidationError(errors)
    return sorted(set(dates))


def _due_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(CHECKIN_HOUR)))


def _today() -> datetime.date:
    return timezone.localdate()


# --- Plans ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentInput:
    situation: str
    behaviour: str
    why: str = ""


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
    errors: dict[str, list[ValidationError]] = {}
    if not cleaned:
        errors["commitments"] = [ValidationError(_("Write at least one commitment."), code="none")]
    elif len(cleaned) > MAX_COMMITMENTS:
        errors["commitments"] = [
            ValidationError(
                _("A plan holds at most %(max)d commitments: pick the ones that matter most."),
                code="too_many",
                params={"max": MAX_COMMITMENTS},
            )
        ]
    elif any(not c.situation or not c.behaviour for c in cleaned):
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
    buddy_email = (buddy_email or "").strip().lower()
    if buddy_email and buddy_email == user.email.lower():
        errors["buddy_email"] = [ValidationError(_("Your buddy must be someone else."), code="self")]
    if errors:
        raise ValidationError(errors)
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
    CheckIn.objects.bulk_create([CheckIn(plan=plan, due_at=_due_at(day)) for day in dates])
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


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


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


# --- Check-in links ----------------------------------------------------------------------------


def checkin_token_create(*, checkin: CheckIn) -> str:
    """A signed, timestamped token for this check-in only (its id and its secret nonce)."""
    return signing.dumps({"c": checkin.pk, "n": checkin.nonce}, salt=CHECKIN_TOKEN_SALT)


def checkin_url(*, checkin: CheckIn, absolute: bool = True) -> str:
    path = reverse("courses:checkin_answer", kwargs={"token": checkin_token_create(checkin=checkin)})
    return _absolute(path) if absolute else path


# --- Answering a check-in ----------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentAnswerInput:
    did_it: str
    naturalness: int
    decision: str = CheckInAnswer.Decision.KEEP
    situation: str = ""  # new wording when the decision is "adjust"
    behaviour: str = ""


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    answers: Mapping[int, CommitmentAnswerInput],
    what_happened: str = "",
    next_step: str = "",
    new_checkin_date: datetime.date | None = None,
) -> CheckIn:
    """Record a check-in (single use), apply keep/adjust/close, add a check-in, copy the buddy."""
    checkin = CheckIn.objects.select_for_update().select_related("plan__user").get(pk=checkin.pk)
    if checkin.status == CheckIn.Status.ANSWERED:
        raise ValidationError(_("This check-in has already been answered."), code="answered")
    plan = checkin.plan
    commitments = [c for c in plan.commitments.all() if c.is_open]
    errors: dict[str, list[ValidationError]] = {}
    if set(answers) != {c.pk for c in commitments}:
        errors["answers"] = [ValidationError(_("Answer every open commitment."), code="incomplete")]
    now = timezone.now()
    today = timezone.localdate(now)
    if new_checkin_date is not None:
        try:
            checkin_dates_validate(dates=[new_checkin_date], today=today)
        except ValidationError as exc:
            errors["new_checkin_date"] = exc.error_list
        if plan.checkins.count() >= MAX_CHECKINS_PER_PLAN:
            errors.setdefault("new_checkin_date", []).append(
                ValidationError(_("This plan already has the most check-ins it can hold."), code="too_many")
            )
    rows = []
    for commitment in commitments:
        answer = answers.get(commitment.pk)
        if answer is None:
            continue
        if answer.decision == CheckInAnswer.Decision.ADJUST and (
            not answer.situation.strip() or not answer.behaviour.strip()
        ):
            errors.setdefault("answers", []).append(
                ValidationError(_("An adjusted commitment needs both a situation and a behaviour."), code="empty")
            )
        row = CheckInAnswer(
            checkin=checkin,
            commitment=commitment,
            commitment_text=commitment.sentence[:620],
            did_it=answer.did_it,
            naturalness=answer.naturalness,
            decision=answer.decision,
        )
        if answer.did_it not in CheckInAnswer.DidIt.values:
            errors.setdefault("answers", []).append(ValidationError(_("Choose yes, partly or not yet."), code="did_it"))
        if answer.decision not in CheckInAnswer.Decision.values:
            errors.setdefault("answers", []).append(
                ValidationError(_("Choose to keep, adjust or close it."), code="decision")
            )
        if not isinstance(answer.naturalness, int) or not 0 <= answer.naturalness <= 10:
            errors.setdefault("answers", []).append(
                ValidationError(_("Choose a number from 0 to 10 for how natural it felt."), code="naturalness")
            )
        rows.append((row, answer))
    if errors:
        raise ValidationError(errors)

    CheckInAnswer.objects.bulk_create([row for row, _answer in rows])
    for row, answer in rows:
        commitment = row.commitment
        if answer.decision == CheckInAnswer.Decision.ADJUST:
            commitment.situation = answer.situation.strip()[:300]
            commitment.behaviour = answer.behaviour.strip()[:300]
            commitment.status = Commitment.Status.ADJUSTED
        elif answer.decision == CheckInAnswer.Decision.CLOSE:
            commitment.status = Commitment.Status.CLOSED
        else:
            continue
        commitment.updated_at = now
        commitment.full_clean(exclude=["plan"], validate_constraints=False)
        commitment.save(update_fields=["situation", "behaviour", "status", "updated_at"])
    checkin.status = CheckIn.Status.ANSWERED
    checkin.answered_at = now
    checkin.what_happened = what_happened.strip()[:4000]
    checkin.next_step = next_step.strip()[:4000]
    checkin.save(update_fields=["status", "answered_at", "what_happened", "next_step"])
    # Earlier check-ins left open are now past: they get no more reminders.
    plan.checkins.filter(status=CheckIn.Status.SCHEDULED, due_at__lt=checkin.due_at).update(
        status=CheckIn.Status.MISSED
    )
    if all(row.decision == CheckInAnswer.Decision.CLOSE for row, _answer in rows):
        # Every commitment is closed: nothing left to check in on.
        plan.checkins.filter(status=CheckIn.Status.SCHEDULED).delete()
    elif new_checkin_date is not None:
        CheckIn.objects.create(plan=plan, due_at=_due_at(new_checkin_date))
    _buddy_summary_send(checkin=checkin, rows=[row for row, _answer in rows])
    return checkin


def _buddy_summary_send(*, checkin: CheckIn, rows: Sequence[CheckInAnswer]) -> None:
    """The accepted buddy gets a copy of the outcome through the outbox (BuddySummaryKind)."""
    buddy = Buddy.objects.filter(plan_id=checkin.plan_id, status=Buddy.Status.ACCEPTED).first()
    if buddy is None:
        return
    reminder_enqueue(
        kind="buddy_summary",
        due=Due(user_id=None, email=buddy.email, object_key=f"checkin:{checkin.pk}", period="buddy"),
    )


# --- Practice log ------------------------------------------------------------------------------

_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CAPITALISED_WORD = re.compile(
    r"^[A-ZÀ-ÖØ-Þ](?:[a-zà-öø-ÿ]+|['’][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)*$"
)
# Words that mark a label as a pseudonym, e.g. "Rep Falcon", "Coachee Blue".
PSEUDONYM_MARKERS = {
    "rep",
    "coachee",
    "member",
    "colleague",
    "pseudonym",
    "seller",
    "teammate",
    "agent",
    "verkoper",
    "collega",
    "medewerker",
}
_NAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "von", "da", "di", "le", "la", "du", "del", "'t"}


def practice_log_member_problem(member: str) -> str | None:
    """Why `member` looks like a real identity (full name or email address), or None if it is fine."""
    text = member.strip()
    if _EMAIL_RE.search(text):
        return _("This looks like an email address. Use initials (like J.K.) or a pseudonym instead.")
    words = [w for w in re.split(r"\s+", text) if w]
    if words and words[0].lower() in PSEUDONYM_MARKERS:
        return None
    capitalised = [w for w in words if _CAPITALISED_WORD.match(w)]
    others = [w for w in words if not _CAPITALISED_WORD.match(w) and w.lower() not in _NAME_PARTICLES]
    if len(capitalised) >= 2 and not others:
        return _(
            "This looks like a full name. Use initials (like J.K.) or a pseudonym (like Rep Falcon), "
            "so the team member cannot be identified."
        )
    return None


PRACTICE_LOG_FIELDS = [
    "course",
    "date",
    "member",
    "topic",
    "technique",
    "question",
    "outcome",
    "next_step",
    "talk_ratio",
]


def _practice_log_check(*, entry: PracticeLogEntry) -> None:
    problem = practice_log_member_problem(entry.member or "")
    errors = {}
    if problem:
        errors["member"] = [ValidationError(problem, code="identifying")]
    if entry.date and entry.date > timezone.localdate():
        errors["date"] = [ValidationError(_("The conversation cannot be in the future."), code="future")]
    try:
        entry.full_clean(exclude=["user"], validate_constraints=False)
    except ValidationError as exc:
        for key, value in exc.message_dict.items():
            errors.setdefault(key, []).extend(ValidationError(m) for m in value)
    if entry.talk_ratio is not None and entry.talk_ratio > 100:
        errors.setdefault("talk_ratio", []).append(ValidationError(_("Choose a percentage from 0 to 100.")))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def practice_log_entry_create(*, user: User, **fields) -> PracticeLogEntry:
    entry = PracticeLogEntry(user=user, **{k: v for k, v in fields.items() if k in PRACTICE_LOG_FIELDS})
    _practice_log_check(entry=entry)
    entry.save()
    if entry.course_id:
        practice_log_completion_check(user=user, course_id=entry.course_id)
    return entry


@transaction.atomic
def practice_log_entry_update(*, entry: PracticeLogEntry, **fields) -> PracticeLogEntry:
    for key, value in fields.items():
        if key in PRACTICE_LOG_FIELDS:
            setattr(entry, key, value)
    _practice_log_check(entry=entry)
    entry.save()
    if entry.course_id:
        practice_log_completion_check(user=entry.user, course_id=entry.course_id)
    return entry


@transaction.atomic
def practice_log_entry_delete(*, entry: PracticeLogEntry) -> None:
    entry.delete()


def practice_log_requirement(exercise: Exercise) -> tuple[int, str | None]:
    """(minimum entries, technique or None) a practice-log exercise asks for.

    Uses the exercise's own `min_entries` / `technique` when the exercise model carries them,
    else three entries of any technique.
    """
    minimum = getattr(exercise, "min_entries", None) or PRACTICE_LOG_MIN_ENTRIES
    technique = getattr(exercise, "technique", None) or None
    return int(minimum), technique


def practice_log_completion_check(*, user: User, course_id: int) -> list[Exercise]:
    """Mark the course's practice-log exercises complete once the participant logged enough."""
    completed = []
    exercises = list(Exercise.objects.filter(course_id=course_id, kind=Exercise.Kind.PRACTICE_LOG))
    if not exercises:
        return completed
    counts: dict[str | None, int] = {None: 0}
    for technique in PracticeLogEntry.objects.filter(user=user, course_id=course_id).values_list(
        "technique", flat=True
    ):
        counts[None] += 1
        counts[technique] = counts.get(technique, 0) + 1
    for exercise in exercises:
        minimum, technique = practice_log_requirement(exercise)
        if counts.get(technique, 0) >= minimum and exercise_mark_complete(user=user, exercise=exercise):
            completed.append(exercise)
    return completed


# --- Sharing with trainers -----------------------------------------------------------------------


@transaction.atomic
def followup_share_update(*, user: User, course: Course, shared: bool) -> bool:
    if shared:
        FollowupShare.objects.get_or_create(user=user, course=course)
    else:
        FollowupShare.objects.filter(user=user, course=course).delete()
    return shared
