"""The one table of exercise kinds: everything kind-specific, one entry per `Exercise.Kind`.

Every exercise has the common fields of `Exercise` (kind, title, slug, instructions, required,
position). Some kinds keep more in their own models (a quiz's questions and options, an
assignment's rubric criteria). Code that must treat kinds differently (the participant page,
the studio's publish checks, exchange format, delete protection and analytics) looks the kind
up here with `exercise_kind(kind)`; nothing else keeps a list of kinds.

An entry (`ExerciseKind`) says:

``template``
    The participant partial included by `courses:exercise_detail`.
``page(request, exercise) -> dict | HttpResponse``  (or None)
    The participant hook: extra context for the partial, or a response (a redirect after a
    POST). A kind without a page hook only renders its partial and refuses POST (405).
``validate(exercise) -> list[str]``
    Problems that block publishing, as translated sentences. Empty when ready.
``export(exercise) -> dict`` / ``check(details) -> list[str]`` / ``save(exercise, details)``
    The kind's own data in the exchange format (``"details"``, see courses.studio.exchange):
    export it (no ids), check an imported dict fully before anything is written, and write it.
    ``save`` is the kind's one writer: the import sends details without ids, the studio's
    editor the same shape with ids (rows updated in place).
``has_participant_data(exercise) -> bool``
    True when participants have answered or submitted (beyond `ExerciseCompletion`, which the
    studio checks itself): such an exercise is not deleted.
``analytics(course) -> list[dict]``  (or None)
    Per-course tables for the studio's analytics page, as keyword arguments of
    `courses.studio.charts.Table`; a fixed number of queries whatever the enrollment count.

Plan and practice log belong to follow-up: their entries carry only their partial's template
name and a participant-data check through the reverse relation, so exercises never imports
follow-up (follow-up builds on learning's `Exercise`). Their prompt is `instructions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from courses.exercises import details, pages
from courses.exercises.models import ReflectionResponse
from courses.exercises.services import assignment_details_save, conversation_details_save, quiz_details_save
from courses.learning.models import Exercise

PLACEHOLDER_TEMPLATE = "courses/exercises/includes/exercise_placeholder.html"


def _no_problems(exercise: Exercise) -> list[str]:
    return []


def _no_details(exercise: Exercise) -> dict:
    return {}


def _details_must_be_empty(details: Any) -> list[str]:
    if details:
        return [_("This kind of exercise takes no details; found: %(keys)s.") % {"keys": ", ".join(sorted(details))}]
    return []


def _save_nothing(*, exercise: Exercise, details: Mapping) -> None:
    return None


def _no_participant_data(exercise: Exercise) -> bool:
    return False


@dataclass(frozen=True)
class ExerciseKind:
    kind: str
    template: str = PLACEHOLDER_TEMPLATE
    page: pages.PageHook | None = None
    validate: Callable[[Exercise], list[str]] = _no_problems
    export: Callable[[Exercise], dict] = _no_details
    check: Callable[[Any], list[str]] = _details_must_be_empty
    save: Callable[..., None] = _save_nothing
    has_participant_data: Callable[[Exercise], bool] = _no_participant_data
    analytics: Callable[..., list[dict]] | None = None
    supported: bool = True


def _unsupported_validate(exercise: Exercise) -> list[str]:
    return [
        _("The studio cannot check %(kind)s exercises yet (“%(title)s”).")
        % {"kind": exercise.get_kind_display(), "title": exercise.title}
    ]


def unsupported(kind: str) -> ExerciseKind:
    """A kind without an entry: editable (common fields), exports ``{}``, never publishes."""
    return ExerciseKind(kind=kind, validate=_unsupported_validate, check=lambda details: [], supported=False)


KINDS: dict[str, ExerciseKind] = {
    Exercise.Kind.QUIZ: ExerciseKind(
        kind=Exercise.Kind.QUIZ,
        template="courses/exercises/includes/exercise_quiz.html",
        page=pages.quiz_page,
        validate=details.quiz_validate,
        export=details.quiz_export,
        check=details.quiz_check,
        save=quiz_details_save,
        has_participant_data=details.quiz_has_participant_data,
        analytics=details.quiz_analytics,
    ),
    Exercise.Kind.REFLECTION: ExerciseKind(
        kind=Exercise.Kind.REFLECTION,
        template="courses/exercises/includes/exercise_reflection.html",
        page=pages.reflection_page,
        has_participant_data=lambda exercise: ReflectionResponse.objects.filter(exercise=exercise).exists(),
    ),
    Exercise.Kind.ASSIGNMENT: ExerciseKind(
        kind=Exercise.Kind.ASSIGNMENT,
        template="courses/exercises/includes/exercise_assignment.html",
        page=pages.assignment_page,
        validate=details.assignment_validate,
        export=details.assignment_export,
        check=details.assignment_check,
        save=assignment_details_save,
        has_participant_data=details.assignment_has_participant_data,
    ),
    Exercise.Kind.CONVERSATION: ExerciseKind(
        kind=Exercise.Kind.CONVERSATION,
        # Recording, self-review and comments are on courses.practice's own pages (linked from the partial).
        template="courses/practice/includes/exercise_conversation.html",
        validate=details.conversation_validate,
        export=details.conversation_export,
        check=details.conversation_check,
        save=conversation_details_save,
        has_participant_data=details.assignment_has_participant_data,
    ),
    Exercise.Kind.PLAN: ExerciseKind(
        kind=Exercise.Kind.PLAN,
        template="courses/followup/includes/exercise_plan.html",
        has_participant_data=lambda exercise: exercise.commitment_plans.exists(),
    ),
    Exercise.Kind.PRACTICE_LOG: ExerciseKind(
        kind=Exercise.Kind.PRACTICE_LOG,
        template="courses/followup/includes/exercise_practice_log.html",
    ),
}


def exercise_kind(kind: str) -> ExerciseKind:
    """The entry of `kind` (an `Exercise.Kind` value); `unsupported(kind)` for one without an entry."""
    return KINDS.get(kind) or unsupported(kind)
