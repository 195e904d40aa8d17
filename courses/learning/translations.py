"""Content in two languages: a course can be the translation of another (issue 15).

A *master class* is an original course (``translation_of`` empty) plus its translations, each a
course of its own in another language with the same structure: module *i* holds the same
lessons and exercises at the same places. Every lesson and exercise of a translation points to
its counterpart in the original (``original``); a translated lesson also remembers the
original's ``version`` when it was last brought up to date (``original_version``), so the studio
can list the lessons whose original changed since.

The one writer of these links is this module (`link_translation`, `lesson_mark_current`), and
`enrollment_switch_version` moves a participant between the versions of a master class.
Reads for pages (`course_versions`, `catalog_pick_versions`, ...) live here too, so the whole
subject is in one room.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from courses.learning.models import Course, Enrollment, Exercise, ExerciseCompletion, Lesson, LessonProgress, Module
from courses.learning.outline import outline_invalidate


def _structure(course: Course) -> list[tuple[Module, list[Lesson], list[Exercise]]]:
    """Modules in order, each with its lessons and exercises in order (three queries)."""
    modules = list(Module.objects.filter(course=course).order_by("position", "id"))
    lessons: dict[int, list[Lesson]] = {m.pk: [] for m in modules}
    exercises: dict[int, list[Exercise]] = {m.pk: [] for m in modules}
    for lesson in Lesson.objects.filter(course=course).order_by("position", "id"):
        lessons[lesson.module_id].append(lesson)
    for exercise in Exercise.objects.filter(course=course).order_by("position", "id"):
        exercises[exercise.module_id].append(exercise)
    return [(m, lessons[m.pk], exercises[m.pk]) for m in modules]


def _structure_problems(original: list, translated: list) -> list[str]:
    if len(original) != len(translated):
        return [
            _("The original has %(a)s modules, the translation %(b)s.") % {"a": len(original), "b": len(translated)}
        ]
    problems = []
    for i, ((_m, o_lessons, o_exercises), (_t, t_lessons, t_exercises)) in enumerate(
        zip(original, translated, strict=True), 1
    ):
        if len(o_lessons) != len(t_lessons):
            problems.append(
                _("Module %(i)s: the original has %(a)s lessons, the translation %(b)s.")
                % {"i": i, "a": len(o_lessons), "b": len(t_lessons)}
            )
        if [e.kind for e in o_exercises] != [e.kind for e in t_exercises]:
            problems.append(_("Module %(i)s: the exercises differ in number or kind.") % {"i": i})
    return problems


def _link_refusal(original: Course, translation_: Course) -> str | None:
    if original.pk == translation_.pk:
        return _("A course cannot be a translation of itself.")
    if original.translation_of_id is not None:
        return _("“%(title)s” is itself a translation; link to its original.") % {"title": original.title}
    if translation_.translations.exists():
        return _("“%(title)s” has translations of its own, so it cannot be a translation.") % {
            "title": translation_.title
        }
    if original.language == translation_.language:
        return _("The translation must be in another language than the original.")
    taken = Course.objects.filter(translation_of=original, language=translation_.language).exclude(pk=translation_.pk)
    if taken.exists():
        return _("“%(title)s” already has a translation in that language.") % {"title": original.title}
    return None


@transaction.atomic
def link_translation(*, original: Course, translation: Course) -> Course:
    """Make `translation` the translation of `original`, linking lesson *j* and exercise *k* of
    module *i* to the same place in the original. Refuses (ValidationError, nothing written) when
    the structures differ. Idempotent: a lesson already linked to the same original keeps its
    ``original_version`` (only the studio's "mark as up to date" moves it on)."""
    refusal = _link_refusal(original, translation)
    if refusal:
        raise ValidationError(refusal, code="translation_refused")
    source, target = _structure(original), _structure(translation)
    problems = _structure_problems(source, target)
    if problems:
        raise ValidationError(
            [_("The two courses do not have the same structure, so they were not linked.")] + problems,
            code="structure_differs",
        )
    if translation.translation_of_id != original.pk:
        Course.objects.filter(pk=translation.pk).update(translation_of=original)
        translation.translation_of = original
    for (_m, o_lessons, o_exercises), (_t, t_lessons, t_exercises) in zip(source, target, strict=True):
        for o_lesson, t_lesson in zip(o_lessons, t_lessons, strict=True):
            if t_lesson.original_id != o_lesson.pk or t_lesson.original_version is None:
                Lesson.objects.filter(pk=t_lesson.pk).update(original=o_lesson, original_version=o_lesson.version)
        for o_exercise, t_exercise in zip(o_exercises, t_exercises, strict=True):
            if t_exercise.original_id != o_exercise.pk:
                Exercise.objects.filter(pk=t_exercise.pk).update(original=o_exercise)
    outline_invalidate(translation.pk)
    return translation


@transaction.atomic
def lesson_mark_current(*, lesson: Lesson) -> Lesson:
    """The translation of `lesson` is up to date with its original as the original is now."""
    if lesson.original_id is None:
        raise ValidationError(_("This lesson is not linked to an original."), code="not_linked")
    version = Lesson.objects.values_list("version", flat=True).get(pk=lesson.original_id)
    Lesson.objects.filter(pk=lesson.pk).update(original_version=version)
    outline_invalidate(lesson.course_id)  # the lesson page's cached copy
    lesson.original_version = version
    return lesson


# --- Reads ------------------------------------------------------------------------------


def master_class_id(course: Course) -> int:
    """The id that all versions of a master class share: the original's."""
    return course.translation_of_id or course.pk


def course_versions(*, course: Course, published_only: bool = False) -> list[Course]:
    """The other language versions of `course` (its original and the original's other
    translations), by language (one query)."""
    root = master_class_id(course)
    qs = Course.objects.filter(Q(pk=root) | Q(translation_of_id=root)).exclude(pk=course.pk)
    if published_only:
        qs = qs.filter(status=Course.Status.PUBLISHED)
    return list(qs.order_by("language", "pk"))


def lessons_outdated(*, course: Course) -> QuerySet[Lesson]:
    """Lessons of a translation whose original changed since they were last brought up to date."""
    return (
        Lesson.objects.filter(course=course, original__isnull=False)
        .filter(Q(original_version__isnull=True) | Q(original__version__gt=F("original_version")))
        .select_related("original", "module")
        .order_by("module__position", "module_id", "position", "id")
    )


def _language_matches(course: Course, language: str) -> bool:
    return course.language.split("-")[0] == language.split("-")[0]


def version_label(course: Course) -> str:
    """ "Also in English" / "Ook in het Nederlands": in the language of `course`, so a reader of
    that language recognises it."""
    with translation.override(course.language):
        info = translation.get_language_info(course.language)
        return _("Also in %(language)s") % {"language": info["name_local"]}


def catalog_pick_versions(courses: Iterable[Course], *, language: str | None = None) -> list[Course]:
    """One course per master class: the version in `language` (default: the active language),
    else the original, else the first. Each chosen course gets ``other_versions`` (the other
    versions among `courses`, each with ``version_label``). No query: `courses` is grouped in
    Python, in its own order."""
    language = language or translation.get_language() or "en"
    groups: dict[int, list[Course]] = {}
    for course in courses:
        groups.setdefault(master_class_id(course), []).append(course)
    chosen = []
    for root, versions in groups.items():
        pick = next((c for c in versions if _language_matches(c, language)), None)
        pick = pick or next((c for c in versions if c.pk == root), versions[0])
        pick.other_versions = [c for c in versions if c is not pick]
        for other in pick.other_versions:
            other.version_label = version_label(other)
        chosen.append(pick)
    return chosen


def course_family_ids(course_ids: QuerySet | Sequence[int]) -> QuerySet:
    """Ids of the courses in `course_ids` and of every other version of their master classes
    (a subquery, for "enrollments in the courses an organization licenses")."""
    roots = Course.objects.filter(pk__in=course_ids).annotate(root=F("translation_of_id")).values("root")
    return Course.objects.filter(
        Q(pk__in=course_ids) | Q(translation_of_id__in=course_ids) | Q(pk__in=roots) | Q(translation_of_id__in=roots)
    ).values("pk")


# --- Switching an enrollment between versions -------------------------------------------


@dataclass
class VersionOffer:
    """What a course page offers about other versions: the versions to link to, the version
    the user is enrolled in (when it is not this one), and where they may switch to."""

    versions: list[Course]
    enrolled_in: Course | None
    switch_to: list[Course]


def _counterparts(model: type[Lesson] | type[Exercise], source: Course, target: Course) -> dict[int, int]:
    """{source item id: target item id} for items linked through the originals (either direction,
    or two translations of one original). One query."""
    rows = model.objects.filter(course_id__in=[source.pk, target.pk]).values_list("pk", "course_id", "original_id")
    by_root: dict[tuple[str, int], int] = {}
    for pk, course_id, original_id in rows:
        side = "s" if course_id == source.pk else "t"
        by_root[(side, original_id or pk)] = pk
    return {pk: by_root[("t", root)] for (side, root), pk in by_root.items() if side == "s" and ("t", root) in by_root}


def version_offer(*, user: User, course: Course, enrollment: Enrollment | None) -> VersionOffer:
    """The other published versions of `course`, each marked ``enrolled`` when the user has a
    live enrollment in it (one query; none for a course that is no translation and has none,
    known from `course_for_learner_or_404`'s ``has_translations``). Switching is offered from the
    version the user is enrolled in."""
    if course.translation_of_id is None and not getattr(course, "has_translations", True):
        return VersionOffer(versions=[], enrolled_in=None, switch_to=[])
    root = master_class_id(course)
    qs = Course.objects.filter(Q(pk=root) | Q(translation_of_id=root), status=Course.Status.PUBLISHED)
    qs = qs.exclude(pk=course.pk).order_by("language", "pk")
    if user.is_authenticated:
        live = Enrollment.objects.filter(user=user, course=OuterRef("pk")).exclude(status=Enrollment.Status.CANCELLED)
        qs = qs.annotate(enrolled=Exists(live))
    versions = list(qs)
    for version in versions:
        version.version_label = version_label(version)
        version.enrolled = getattr(version, "enrolled", False)
    enrolled_in = None if enrollment is not None else next((v for v in versions if v.enrolled), None)
    switch_to = [v for v in versions if not v.enrolled] if enrollment is not None else []
    return VersionOffer(versions=versions, enrolled_in=enrolled_in, switch_to=switch_to)


def _switch_refusal(enrollment: Enrollment, target: Course) -> str | None:
    if enrollment.status == Enrollment.Status.CANCELLED:
        return _("This enrollment was cancelled.")
    if target.status != Course.Status.PUBLISHED or target.pk not in {
        c.pk for c in course_versions(course=enrollment.course, published_only=True)
    }:
        return _("This course has no such language version.")
    if Enrollment.objects.filter(pk=enrollment.pk, cohort_membership__isnull=False).exists():
        return _("Your place is in a group that follows this version; ask your trainer to switch.")
    if Enrollment.objects.filter(user_id=enrollment.user_id, course=target).exists():
        return _("You already have an enrollment in “%(title)s”.") % {"title": target.title}
    return None


def _progress_carry(
    model: type[LessonProgress] | type[ExerciseCompletion],
    field: str,
    mapping: dict[int, int],
    *,
    user_id: int,
    source: Course,
    target: Course,
) -> None:
    """Record each of the user's completions in `source` on its counterpart in `target` too
    (same date); existing rows win (the database's one-per-user-and-item constraint)."""
    key = f"{field}_id"
    rows = model.objects.filter(user_id=user_id, course=source, **{f"{key}__in": list(mapping)})
    copies = [
        model(user_id=user_id, course=target, completed_at=row.completed_at, **{key: mapping[getattr(row, key)]})
        for row in rows
    ]
    model.objects.bulk_create(copies, ignore_conflicts=True)


@transaction.atomic
def enrollment_switch_version(*, enrollment: Enrollment, target: Course) -> Enrollment:
    """Move a participant's enrollment to another language version of its master class.

    The rule (issue 15, "an enrollment belongs to one language version"): the Enrollment *row*
    moves (its course changes). So its id, status, source, dates and everything pointing at it
    stay: the certificate (a snapshot of the title it was issued with), the organization seat it
    was accepted on (a licence buys the master class, any language; the organization dashboard
    counts every version, see `course_family_ids`), reminders. Progress is *copied*, never moved
    or deleted: each completed lesson and exercise is also recorded on its counterpart in the
    target (found through the ``original`` links, either direction), with its original date;
    the rows on the old version stay, so switching back finds them and the work a participant
    submitted (quiz attempts, reflections, assignments) stays with the exercise it was written for.
    Items without a counterpart simply count again in the new version.

    Refused: an enrollment in a cohort (a cohort is a dated run of one version, with its live
    sessions, drip release and attendance tied to that version's modules; moving the row would
    leave the membership pointing at another course's cohort), and a user who already has an
    enrollment row in the target (one per user and course, enforced by the database).
    """
    enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
    refusal = _switch_refusal(enrollment, target)
    if refusal:
        raise ValidationError(refusal, code="switch_refused")
    source = enrollment.course
    lessons = _counterparts(Lesson, source, target)
    exercises = _counterparts(Exercise, source, target)
    kw = {"user_id": enrollment.user_id, "source": source, "target": target}
    _progress_carry(LessonProgress, "lesson", lessons, **kw)
    _progress_carry(ExerciseCompletion, "exercise", exercises, **kw)
    enrollment.course = target
    enrollment.last_lesson_id = lessons.get(enrollment.last_lesson_id) if enrollment.last_lesson_id else None
    enrollment.save(update_fields=["course", "last_lesson"])
    return enrollment
