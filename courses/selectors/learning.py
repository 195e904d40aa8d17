"""Reads for the courses app. Each selector owns its joins, so page query counts stay flat."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404

from accounts.models import User
from courses.models import Course, Enrollment, Exercise, ExerciseCompletion, Lesson, LessonProgress, Module


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        if self.total == 0:
            return 0
        return min(100, round(100 * self.done / self.total))


def progress_for_enrollments(enrollments: Iterable[Enrollment]) -> dict[int, Progress]:
    """Progress over required items for many enrollments in four queries, whatever their number."""
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
    return user.is_staff or course.trainers.filter(pk=user.pk).exists()


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


def enrollment_for(*, user: User, course: Course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).exclude(status=Enrollment.Status.CANCELLED).first()


def catalog_courses() -> QuerySet[Course]:
    """Published courses with their module count and total lesson minutes (one query)."""
    return (
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .annotate(
            module_count=Count("modules", distinct=True),
            lesson_count=Count("lessons", distinct=True),
        )
        .order_by("title")
    )


def course_outline(*, course: Course) -> list[Module]:
    """Modules with their lessons and exercises, in order (three queries)."""
    return list(
        course.modules.order_by("position", "id").prefetch_related(
            Prefetch(
                "lessons",
                queryset=Lesson.objects.order_by("position", "id").only(
                    "id",
                    "module_id",
                    "course_id",
                    "title",
                    "slug",
                    "position",
                    "estimated_minutes",
                    "free_preview",
                    "required",
                ),
            ),
            Prefetch(
                "exercises",
                queryset=Exercise.objects.order_by("position", "id").only(
                    "id", "module_id", "course_id", "title", "slug", "kind", "position", "required"
                ),
            ),
        )
    )


def completed_item_ids(*, user: User, course: Course) -> tuple[set[int], set[int]]:
    """(lesson ids, exercise ids) the user has completed in this course (two queries)."""
    if not user.is_authenticated:
        return set(), set()
    lessons = set(LessonProgress.objects.filter(user=user, course=course).values_list("lesson_id", flat=True))
    exercises = set(ExerciseCompletion.objects.filter(user=user, course=course).values_list("exercise_id", flat=True))
    return lessons, exercises


def dashboard_enrollments(*, user: User) -> list[Enrollment]:
    """The user's enrollments with course, last lesson and progress attached."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("course", "last_lesson")
        .order_by("-last_activity_at")
    )
    progress = progress_for_enrollments(enrollments)
    for e in enrollments:
        e.progress = progress[e.pk]
    return enrollments


def course_minutes(*, course: Course) -> int:
    return course.lessons.aggregate(total=Sum("estimated_minutes"))["total"] or 0


def first_unfinished_lesson(*, user: User, course: Course) -> Lesson | None:
    """The first lesson, in outline order, that the user has not completed."""
    return (
        Lesson.objects.filter(course=course)
        .exclude(progress__user=user)
        .select_related("module")
        .order_by("module__position", "module_id", "position", "id")
        .first()
    )
