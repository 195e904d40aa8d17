"""Studio writes for whole courses: create, publish checks and status, trainers, import and copy.

Field edits with optimistic locking (`course_update`) are learning's writer; archiving only
changes the status: enrollments, progress and certificates stay.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.kinds import exercise_kind
from courses.learning.models import Course, Exercise, Lesson
from courses.learning.outline import outline_invalidate
from courses.learning.services import course_save
from courses.studio.markdown import markdown_guard


@transaction.atomic
def course_create(*, user: User, title: str, slug: str, summary: str, **fields: Any) -> Course:
    """A new draft course taught by `user`."""
    course = Course(title=title, slug=slug, summary=summary, status=Course.Status.DRAFT, **fields)
    markdown_guard(course.description)
    course = course_save(course=course)
    course.trainers.add(user)
    return course


def course_publish_problems(*, course: Course) -> list[str]:
    """Everything that keeps a course from being published (empty: ready)."""
    problems: list[str] = []
    modules = list(course.modules.order_by("position", "id"))
    if not modules:
        problems.append(_("The course has no modules."))
    with_lessons = set(Lesson.objects.filter(course=course).values_list("module_id", flat=True))
    for module in modules:
        if module.pk not in with_lessons:
            problems.append(_("Module “%(title)s” has no lesson.") % {"title": module.title})
    for exercise in Exercise.objects.filter(course=course).order_by("module__position", "position", "id"):
        problems.extend(exercise_kind(exercise.kind).validate(exercise))
    return problems


@transaction.atomic
def course_status_set(*, course: Course, status: str) -> Course:
    """Publish (after validation), unpublish to draft (only without participants), or archive.

    Nothing is deleted. Archived courses leave the catalog but stay readable for their
    participants (see `course_is_visible_to`), so access and certificates are kept.
    """
    course = Course.objects.select_for_update().get(pk=course.pk)
    if status not in Course.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    if status == Course.Status.PUBLISHED:
        problems = course_publish_problems(course=course)
        if problems:
            raise ValidationError(problems, code="not_ready")
        if course.published_at is None:
            course.published_at = timezone.now()
    if status == Course.Status.DRAFT and course.status != Course.Status.DRAFT and course.enrollments.exists():
        # A draft is hidden from participants: that would take their access away. Archive instead.
        raise ValidationError(
            _("Participants are enrolled, so the course cannot go back to draft. Archive it instead."),
            code="has_participants",
        )
    course.status = status
    course.version = course.version + 1
    course.save(update_fields=["status", "published_at", "version", "updated_at"])
    outline_invalidate(course.pk)
    return course


@transaction.atomic
def course_trainer_add(*, course: Course, user: User) -> None:
    course.trainers.add(user)


@transaction.atomic
def course_trainer_remove(*, course: Course, user: User) -> None:
    course.trainers.remove(user)
