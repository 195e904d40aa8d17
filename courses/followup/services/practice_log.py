"""Writes for the coaching practice log, and the completion of practice-log exercises."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.followup.models import PracticeLogEntry
from courses.learning.models import Exercise
from courses.learning.services import exercise_mark_complete

PRACTICE_LOG_MIN_ENTRIES = 3  # default for a practice-log exercise without its own number


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
