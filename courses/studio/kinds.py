"""The studio's registry of exercise kinds.

Every exercise has the common fields of `courses.models.Exercise` (kind, title, slug,
instructions, required, position). Some kinds keep more in their own models (a quiz's
questions and options, an assignment's rubric criteria). The studio does not import those
models; it asks this registry, keyed by `Exercise.kind`, for everything kind-specific.

An entry (`KindEntry`) provides:

``editor(exercise, data=None, files=None) -> list[form-like]``
    Forms or formsets for the kind's own data, shown under the common fields on the
    exercise editor page. Each object must offer ``is_valid()``, ``save()`` and render with
    ``{{ form }}``; each needs a distinct ``prefix``. Return ``[]`` when the kind has nothing
    beyond the common fields. ``save()`` is called inside the same transaction as the
    common fields and must write through the kind's services.

``validate(exercise) -> list[str]``
    Problems that block publishing, as translated sentences ("The quiz has no correct
    answer for question 2."). Empty when the exercise is ready. It may run one query per
    call: publishing runs it once per exercise, which is a small, bounded number.

``export(exercise) -> dict``
    The kind's own data as JSON-ready values (no ids, no database keys: positions and
    texts only). It becomes the exercise's ``"details"`` in the exchange file.

``check(details) -> list[str]``
    Validate an imported ``"details"`` dict fully, before anything is written: unknown
    keys, wrong types, limits. Return problems; an empty list means `load` will succeed.

``load(exercise, details) -> None``
    Create the kind's own rows for a freshly saved `exercise` from checked ``details``.
    Runs inside the import transaction; raising rolls the whole import back.

``has_participant_data(exercise) -> bool``
    True when participants have answered/submitted (beyond ``ExerciseCompletion``, which
    the studio checks itself). The studio refuses to delete such an exercise.

``analytics(course) -> list[studio.charts.Table]``  (optional)
    Per-course tables for the analytics page: quiz questions ranked by percent correct,
    follow-up figures... Must use a fixed number of queries whatever the enrollment count.

Kinds whose data lives entirely in the common fields (reflection, plan and practice log:
their prompt is ``instructions``) are registered below with `PlainKind`. The quiz and
assignment kinds are registered by their own package after merge, e.g. in
``courses/exercises/studio.py``::

    from courses.studio.kinds import KindEntry, kind_register
    kind_register("quiz", KindEntry(editor=..., validate=..., export=..., check=..., load=...))

and imported once from ``CoursesConfig.ready()``. The quiz and assignment entries (and the
participant-data checks of reflection and plan) live in `courses.studio.exercise_kinds`, which
this module imports the first time the registry is read. An unregistered kind gets
`UNSUPPORTED`: it can be created and edited (common fields), exports ``{}`` as details and
publishing lists it as a problem, so a course can never go live with an unchecked quiz.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from courses.learning.models import Exercise


def _no_forms(exercise: Exercise, data: Any = None, files: Any = None) -> list:
    return []


def _no_problems(exercise: Exercise) -> list[str]:
    return []


def _no_details(exercise: Exercise) -> dict:
    return {}


def _details_must_be_empty(details: dict) -> list[str]:
    if details:
        return [_("This kind of exercise takes no details; found: %(keys)s.") % {"keys": ", ".join(sorted(details))}]
    return []


def _load_nothing(exercise: Exercise, details: dict) -> None:
    return None


def _no_participant_data(exercise: Exercise) -> bool:
    return False


@dataclass(frozen=True)
class KindEntry:
    editor: Callable[..., list] = _no_forms
    validate: Callable[[Exercise], list[str]] = _no_problems
    export: Callable[[Exercise], dict] = _no_details
    check: Callable[[dict], list[str]] = _details_must_be_empty
    load: Callable[[Exercise, dict], None] = _load_nothing
    has_participant_data: Callable[[Exercise], bool] = _no_participant_data
    analytics: Callable[..., list] | None = None
    supported: bool = True
    notes: dict = field(default_factory=dict)


PlainKind = KindEntry()


def _unsupported_validate(exercise: Exercise) -> list[str]:
    return [
        _("The studio cannot check %(kind)s exercises yet (“%(title)s”).")
        % {"kind": exercise.get_kind_display(), "title": exercise.title}
    ]


UNSUPPORTED = KindEntry(validate=_unsupported_validate, check=lambda details: [], supported=False)

_REGISTRY: dict[str, KindEntry] = {}


def kind_register(kind: str, entry: KindEntry) -> None:
    """Register (or replace) the studio entry for an exercise kind."""
    if kind not in Exercise.Kind.values:
        raise ValueError(f"unknown exercise kind {kind!r}")
    _REGISTRY[kind] = entry


_loaded = False


def _load_builtin_kinds() -> None:
    """Import the entries for the kinds with their own models, once (lazily: no import cycle)."""
    global _loaded
    if not _loaded:
        _loaded = True
        import courses.studio.exercise_kinds  # noqa: F401


def kind_entry(kind: str) -> KindEntry:
    _load_builtin_kinds()
    return _REGISTRY.get(kind, UNSUPPORTED)


def registered_kinds() -> dict[str, KindEntry]:
    _load_builtin_kinds()
    return dict(_REGISTRY)


for _kind in (Exercise.Kind.REFLECTION, Exercise.Kind.PLAN, Exercise.Kind.PRACTICE_LOG):
    kind_register(_kind, PlainKind)
