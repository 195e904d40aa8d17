"""Reads for learning pages. Each selector owns its joins, so a page's query count never
grows with its data (modules, lessons, exercises, enrollments)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.models import User
from courses.learning.hooks import hooks
from courses.learning.models import (
    Course,
    Enrollment,
    Exercise,
    ExerciseCompletion,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)
from courses.learning.outline import (  # noqa: F401 (Progress, OutlineItem, LearnerOutline: re-exported)
    LearnerOutline,
    OutlineItem,
    OutlineModule,
    Progress,
    lesson_by_slugs,
    outline_key,
    outline_structure,
)
from courses.learning.participant_reads import completed_ids, live_enrollment


def progress_for_enrollments(enrollments: Iterable[Enrollment]) -> dict[int, Progress]:
    """Progress over required items (required lessons + required exercises) for many
    enrollments in four queries, whatever their number."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    course_ids = {e.course_id for e in enrollments}
    user_ids = {e.user_id for e in enrollments}
    # 1-2: required items per course.
    totals: dict[int, int] = {cid: 0 for cid in course_ids}
    for row in (
        Lesson.objects.filter(course_id__in=course_ids, required=True).values("course_id").annotate(n=Count("id"))
    ):
        totals[row["course_id"]] += row["n"]
    for row in (
        Exercise.objects.filter(course_id__in=course_ids, required=True).values("course_id").annotate(n=Count("id"))
    ):
        totals[row["course_id"]] += row["n"]
    # 3-4: required items done per (user, course).
    done: dict[tuple[int, int], int] = {}
    for row in (
        LessonProgress.objects.filter(user_id__in=user_ids, course_id__in=course_ids, lesson__required=True)
        .values("user_id", "course_id")
        .annotate(n=Count("id"))
    ):
        key = (row["user_id"], row["course_id"])
        done[key] = done.get(key, 0) + row["n"]
    for row in (
        ExerciseCompletion.objects.filter(user_id__in=user_ids, course_id__in=course_ids, exercise__required=True)
        .values("user_id", "course_id")
        .annotate(n=Count("id"))
    ):
        key = (row["user_id"], row["course_id"])
        done[key] = done.get(key, 0) + row["n"]
    return {e.pk: Progress(done=done.get((e.user_id, e.course_id), 0), total=totals[e.course_id]) for e in enrollments}


# --- Permission: one function per object kind -------------------------------------------


def course_is_visible_to(*, course: Course, user: User, trainer_ids: Iterable[int] | None = None) -> bool:
    """Published and archived courses are visible to all (archived ones are not listed);
    drafts only to their trainers and staff."""
    if course.status != Course.Status.DRAFT:
        return True
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if trainer_ids is None:
        return course.trainers.filter(pk=user.pk).exists()
    return user.pk in set(trainer_ids)


def user_teaches(*, user: User, course: Course) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    cache = getattr(course, "_prefetched_objects_cache", {})
    if "trainers" in cache:
        return any(t.pk == user.pk for t in cache["trainers"])
    return course.trainers.filter(pk=user.pk).exists()


def course_for_trainer_or_404(*, user: User, slug: str) -> Course:
    """A course the user teaches (staff: any course), or 404."""
    qs = Course.objects.filter(slug=slug)
    if not user.is_authenticated:
        raise Http404
    if not user.is_staff:
        qs = qs.filter(trainers=user)
    course = qs.first()
    if course is None:
        raise Http404
    return course


def course_for_learner_or_404(*, user: User, slug: str) -> Course:
    """A course the user may look at (its page and free previews), with its trainers, or 404.

    Two queries: the course and its trainers. Drafts exist only for their trainers and staff.
    ``has_translations`` rides along, so a course page asks for other language versions only
    when there are some (courses.learning.translations.version_offer).
    """
    translations = Course.objects.filter(translation_of=OuterRef("pk"))
    course = (
        Course.objects.filter(slug=slug)
        .annotate(has_translations=Exists(translations))
        .prefetch_related("trainers")
        .first()
    )
    if course is None or not course_is_visible_to(
        course=course, user=user, trainer_ids=[t.pk for t in course.trainers.all()]
    ):
        raise Http404
    return course


def lesson_for_learner_or_404(*, user: User, course_slug: str, lesson_slug: str) -> Lesson:
    """A lesson (with its course and module) in a course the user may see, or 404 (no query when
    cached, one when not; one more only for drafts). Whether the user may *read* it is `lesson_access`'s decision."""
    lesson = lesson_by_slugs(course_slug=course_slug, lesson_slug=lesson_slug)
    if lesson is None or not course_is_visible_to(course=lesson.course, user=user):
        raise Http404
    return lesson


class LessonAccess:
    OPEN = "open"
    NOT_ENROLLED = "not_enrolled"


def lesson_access(*, user: User, lesson: Lesson, enrollment: Enrollment | None) -> str:
    """May `user` read `lesson`? Free previews are open to all; other lessons to enrolled
    users (active or completed) and to the course's trainers and staff."""
    if lesson.free_preview or enrollment is not None:
        return LessonAccess.OPEN
    if user_teaches(user=user, course=lesson.course):
        return LessonAccess.OPEN
    return LessonAccess.NOT_ENROLLED


def enrollment_for(*, user: User, course: Course) -> Enrollment | None:
    """The user's live (active or completed) enrollment in the course, with `in_cohort_id` (for
    the schedule link of cohort courses) and `completed_ids` (for `learner_outline`), or None.
    One query, written out in SQL (`participant_reads`: the ORM's compiler cost more than the query)."""
    if not user.is_authenticated:
        return None
    return live_enrollment(user_id=user.pk, course_id=course.pk)


# --- Catalog ---------------------------------------------------------------------------


def catalog_courses() -> QuerySet[Course]:
    """Published courses with module count, lesson count and total lesson minutes (one query;
    correlated subqueries, so the counts are not multiplied by joins)."""
    modules = Module.objects.filter(course=OuterRef("pk")).order_by().values("course").annotate(n=Count("id"))
    lessons = Lesson.objects.filter(course=OuterRef("pk")).order_by().values("course")
    return (
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .annotate(
            module_count=Coalesce(Subquery(modules.values("n"), output_field=IntegerField()), Value(0)),
            lesson_count=Coalesce(
                Subquery(lessons.annotate(n=Count("id")).values("n"), output_field=IntegerField()), Value(0)
            ),
            total_minutes=Coalesce(
                Subquery(lessons.annotate(m=Sum("estimated_minutes")).values("m"), output_field=IntegerField()),
                Value(0),
            ),
        )
        .order_by("title")
    )


# --- Outline ---------------------------------------------------------------------------


def completed_item_ids(*, user: User, course: Course) -> tuple[set[int], set[int]]:
    """(lesson ids, exercise ids) the user has completed in this course (one query)."""
    if not user.is_authenticated:
        return set(), set()
    return completed_ids(user_id=user.pk, course_id=course.pk)


def learner_outline(
    *,
    user: User,
    course: Course,
    enrolled: bool = True,
    preview_only: bool = False,
    completed: tuple[set[int], set[int]] | None = None,
) -> LearnerOutline:
    """The outline with completion ticks and progress over required items.

    `completed`: the (lesson ids, exercise ids) the user has completed, when the caller has them
    already (`enrollment_for` brings them as `enrollment.completed_ids`, read in the same query);
    otherwise they are read here. Pass them only when nothing was completed since they were read.

    `preview_only`: the reader may open only free-preview lessons (not enrolled, not teaching);
    every other lesson and every exercise is marked `locked`.

    The structure comes from the cache (`outline_structure`: no query when warm, three on a
    miss), plus one query for the ticks when the user is enrolled. Progress is counted from
    these rows, so it agrees with `progress_for_enrollments`.
    """
    key = outline_key(course=course)
    modules = outline_structure(course=course, key=key)
    if not enrolled:
        completed = (set(), set())
    done_lessons, done_exercises = completed if completed is not None else completed_item_ids(user=user, course=course)
    items: list[OutlineItem] = []
    module_items: dict[int, list[OutlineItem]] = {}
    total = done = minutes = lesson_count = 0
    for module in modules:
        entries: list[tuple[int, int, int, OutlineItem]] = []
        for lesson in module.lessons:
            is_done = lesson.pk in done_lessons
            locked = preview_only and not lesson.free_preview
            entries.append((lesson.position, 0, lesson.pk, OutlineItem("lesson", lesson, module, is_done, locked)))
            minutes += lesson.estimated_minutes
            lesson_count += 1
            if lesson.required:
                total += 1
                done += is_done
        for exercise in module.exercises:
            is_done = exercise.pk in done_exercises
            item = OutlineItem("exercise", exercise, module, is_done, preview_only)
            entries.append((exercise.position, 1, exercise.pk, item))
            if exercise.required:
                total += 1
                done += is_done
        entries.sort(key=lambda e: e[:3])
        module_items[module.pk] = [e[3] for e in entries]
        module.outline_items = module_items[module.pk]
        items.extend(module_items[module.pk])
    return LearnerOutline(
        modules=modules,
        items=items,
        progress=Progress(done=done, total=total),
        total_minutes=minutes,
        lesson_count=lesson_count,
        module_items=module_items,
        fingerprint=f"{key}|{int(preview_only)}|{sorted(done_lessons)}|{sorted(done_exercises)}",
    )


# --- Dashboard -------------------------------------------------------------------------


def _next_lesson_subquery(field_name: str) -> Subquery:
    """The first lesson (outline order) of the enrollment's course its user has not completed."""
    unfinished = (
        Lesson.objects.filter(course=OuterRef("course"))
        .exclude(Exists(LessonProgress.objects.filter(lesson=OuterRef("pk"), user=OuterRef(OuterRef("user")))))
        .order_by("module__position", "module_id", "position", "id")
    )
    return Subquery(unfinished.values(field_name)[:1])


def dashboard_enrollments(*, user: User) -> list[Enrollment]:
    """The user's live enrollments with course, last lesson, the first unfinished lesson and
    progress attached: one query for the enrollments, four for progress."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("course", "last_lesson")
        .annotate(
            next_lesson_slug=_next_lesson_subquery("slug"),
            # Cohort enrollments link to their schedule; joined here, so no query per card.
            in_cohort_id=F("cohort_membership__cohort_id"),
            cohort_name=F("cohort_membership__cohort__name"),
        )
        .order_by("-last_activity_at", "-pk")
    )
    progress = progress_for_enrollments(enrollments)
    for e in enrollments:
        e.progress = progress[e.pk]
        # "Continue where you left off": the last lesson opened, else the first unfinished one.
        if e.last_lesson is not None and e.last_lesson.course_id == e.course_id:
            e.continue_lesson_slug = e.last_lesson.slug
        else:
            e.continue_lesson_slug = e.next_lesson_slug
    return enrollments


@dataclass
class LearningDashboard:
    """What "My learning" shows: courses in progress, completed ones (each with `certificate`,
    or None) and the invitations waiting for the user's address."""

    active: list[Enrollment]
    completed: list[Enrollment]
    invitations: list[Any]


def learning_dashboard(*, user: User) -> LearningDashboard:
    """Enrollments as in `dashboard_enrollments`, plus, through the hooks (learning imports no
    other area): one query for the completed courses' certificates (skipped with none completed)
    and one for pending invitations."""
    enrollments = dashboard_enrollments(user=user)
    completed = [e for e in enrollments if e.status == Enrollment.Status.COMPLETED]
    certificates = hooks.certificates_for(completed) if completed else {}
    for enrollment in completed:
        enrollment.certificate_found = certificates.get(enrollment.pk)
    return LearningDashboard(
        active=[e for e in enrollments if e.status == Enrollment.Status.ACTIVE],
        completed=completed,
        invitations=hooks.pending_invitations_for(user),
    )


def attachment_for_reader_or_404(*, user: User, pk: int):
    """An attachment whose lesson the user may read, or 404 (one query, plus one for the
    enrollment). Refusals are 404 so ids of private files reveal nothing."""
    attachment = LessonAttachment.objects.select_related("lesson__course").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    lesson = attachment.lesson
    if not course_is_visible_to(course=lesson.course, user=user):
        raise Http404
    enrollment = None if lesson.free_preview else enrollment_for(user=user, course=lesson.course)
    if lesson_access(user=user, lesson=lesson, enrollment=enrollment) != LessonAccess.OPEN:
        raise Http404
    return attachment
