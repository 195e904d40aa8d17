"""Writes for learning: enrolling, completing lessons and exercises, finishing a course."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
from courses.learning.outline import outline_invalidate
from courses.learning.selectors import progress_for_enrollments
from lms.richtext import markdown_render, markdown_validate
from lms.uploads import served_content_type


@transaction.atomic
def enrollment_create(*, user: User, course: Course, source: str = Enrollment.Source.SELF) -> tuple[Enrollment, bool]:
    """Enroll `user` in `course`. Enrolling twice is a no-op that returns the existing row.

    A cancelled enrollment is re-activated. Only published courses take self-enrollment.
    """
    if source == Enrollment.Source.SELF and course.status != Course.Status.PUBLISHED:
        raise ValidationError(_("This course is not open for enrollment."), code="not_published")
    existing = Enrollment.objects.select_for_update().filter(user=user, course=course).first()
    if existing is not None:
        if existing.status == Enrollment.Status.CANCELLED:
            existing.status = Enrollment.Status.ACTIVE
            existing.save(update_fields=["status"])
        return existing, False
    try:
        with transaction.atomic():
            enrollment = Enrollment(user=user, course=course, source=source)
            enrollment.full_clean(validate_unique=False, validate_constraints=False)
            enrollment.save()
    except IntegrityError:
        # A concurrent request enrolled the same user first: the database decided.
        return Enrollment.objects.get(user=user, course=course), False
    return enrollment, True


def _enrollment_touch(*, user: User, course_id: int, lesson: Lesson | None = None) -> None:
    fields = {"last_activity_at": timezone.now()}
    if lesson is not None:
        fields["last_lesson"] = lesson
    Enrollment.objects.filter(user=user, course_id=course_id).update(**fields)


def lesson_visit(*, user: User, lesson: Lesson) -> None:
    """Remember the lesson a participant last opened ("continue where you left off")."""
    _enrollment_touch(user=user, course_id=lesson.course_id, lesson=lesson)


@transaction.atomic
def lesson_complete(*, user: User, lesson: Lesson) -> tuple[LessonProgress, bool]:
    """Mark a lesson complete. Completing twice is a no-op."""
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course_id": lesson.course_id}
    )
    _enrollment_touch(user=user, course_id=lesson.course_id, lesson=lesson)
    if created:
        enrollment = Enrollment.objects.filter(user=user, course_id=lesson.course_id).first()
        if enrollment is not None:
            course_completion_check(enrollment=enrollment)
    return progress, created


@transaction.atomic
def exercise_mark_complete(*, user: User, exercise: Exercise) -> bool:
    """Record that `user` did what `exercise` asks. Returns True the first time only."""
    _, created = ExerciseCompletion.objects.get_or_create(
        user=user, exercise=exercise, defaults={"course_id": exercise.course_id}
    )
    _enrollment_touch(user=user, course_id=exercise.course_id)
    if created:
        enrollment = Enrollment.objects.filter(user=user, course_id=exercise.course_id).first()
        if enrollment is not None:
            course_completion_check(enrollment=enrollment)
    return created


def course_required_counts(*, enrollment: Enrollment) -> tuple[int, int]:
    """(done, total) over the course's required items: lessons and exercises."""
    progress = progress_for_enrollments([enrollment])[enrollment.pk]
    return progress.done, progress.total


@transaction.atomic
def course_completion_check(*, enrollment: Enrollment) -> bool:
    """Mark the enrollment completed when every required item is done.

    The conditional UPDATE (status still active) makes this happen exactly once, even when
    two requests finish the last items at the same moment. Returns True only for the call
    that completed it.
    """
    if enrollment.status != Enrollment.Status.ACTIVE:
        return False
    done, total = course_required_counts(enrollment=enrollment)
    if total == 0 or done < total:
        return False
    if not all(requirement(enrollment) for requirement in hooks.completion_requirements):
        return False
    now = timezone.now()
    updated = Enrollment.objects.filter(pk=enrollment.pk, status=Enrollment.Status.ACTIVE).update(
        status=Enrollment.Status.COMPLETED, completed_at=now
    )
    if updated != 1:
        return False
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.completed_at = now
    enrollment_completed(enrollment=enrollment)
    return True


def enrollment_completed(*, enrollment: Enrollment) -> None:
    """The one place that runs when a course is completed: the hooks other areas plugged in
    (certificates issue one; see courses/apps.py)."""
    for hook in hooks.on_course_completed:
        hook(enrollment)


@transaction.atomic
def course_save(*, course: Course) -> Course:
    """Validate and save a course, rendering its description."""
    markdown_validate(course.description)
    course.description_html = markdown_render(course.description)
    if course.status == Course.Status.PUBLISHED and course.published_at is None:
        course.published_at = timezone.now()
    course.full_clean()
    course.save()
    outline_invalidate(course.pk)
    return course


@transaction.atomic
def module_save(*, module: Module) -> Module:
    if module._state.adding and not module.position:
        module.position = (module.course.modules.count() + 1) * 10
    module.full_clean()
    module.save()
    outline_invalidate(module.course_id)
    return module


@transaction.atomic
def lesson_save(*, lesson: Lesson) -> Lesson:
    """Validate and save a lesson; the HTML shown to participants is rendered once, here."""
    lesson.course_id = lesson.module.course_id
    markdown_validate(lesson.body)
    lesson.body_html = markdown_render(lesson.body)
    if lesson._state.adding and not lesson.position:
        lesson.position = (lesson.module.lessons.count() + 1) * 10
    if not lesson._state.adding:
        lesson.version += 1  # so the studio's optimistic check notices edits made elsewhere (admin)
    lesson.full_clean(exclude=["course"])
    lesson.save()
    outline_invalidate(lesson.course_id)
    return lesson


@transaction.atomic
def exercise_save(*, exercise: Exercise) -> Exercise:
    exercise.course_id = exercise.module.course_id
    markdown_validate(exercise.instructions)
    exercise.instructions_html = markdown_render(exercise.instructions)
    if exercise._state.adding and not exercise.position:
        exercise.position = (exercise.module.exercises.count() + 1) * 10
    exercise.full_clean(exclude=["course"])
    exercise.save()
    outline_invalidate(exercise.course_id)
    return exercise


@transaction.atomic
def lesson_attachment_save(*, attachment: LessonAttachment) -> LessonAttachment:
    """Validate and save an attachment, remembering the uploaded file's original name, sniffed type
    and size (the file itself is stored under a random name in private storage)."""
    upload = attachment.file
    if upload and not getattr(upload, "_committed", True):
        attachment.original_name = PurePath(upload.name).name[:255]
        attachment.content_type = served_content_type(upload)  # by content, never the browser's word
        attachment.size = upload.size or 0
    if not attachment.title:
        attachment.title = attachment.original_name
    attachment.full_clean()
    attachment.save()
    return attachment
