"""Writes for learning: enrolling, completing lessons and exercises, finishing a course, and the
one writer of course content (courses, modules, lessons, exercises, their positions and lesson
attachments) that the studio, the admin, the exchange import and the demo loader all use."""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Model, Q, QuerySet
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
from lms.services import model_update
from lms.uploads import served_content_type

COURSE_FIELDS = ("title", "slug", "summary", "description", "outcomes", "language", "estimated_hours")
LESSON_FIELDS = ("title", "slug", "body", "estimated_minutes", "video_url", "free_preview", "required")


@transaction.atomic
def enrollment_create(*, user: User, course: Course, source: str = Enrollment.Source.SELF) -> tuple[Enrollment, bool]:
    """Enroll `user` in `course`. Enrolling twice is a no-op that returns the existing row.

    A cancelled enrollment is re-activated. Only published courses take self-enrollment.
    """
    if source == Enrollment.Source.SELF and course.status != Course.Status.PUBLISHED:
        raise ValidationError(_("This course is not open for enrollment."), code="not_published")
    if source == Enrollment.Source.SELF and _enrolled_in_other_version(user, course):
        raise ValidationError(
            _("You are already enrolled in another language version of this course; switch versions on its page."),
            code="other_version",
        )
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


def _enrolled_in_other_version(user: User, course: Course) -> bool:
    """One enrollment per master class: its language versions share the original's id."""
    root = course.translation_of_id or course.pk
    return (
        Enrollment.objects.filter(user=user)
        .filter(Q(course_id=root) | Q(course__translation_of_id=root))
        .exclude(course=course)
        .exclude(status=Enrollment.Status.CANCELLED)
        .exists()
    )


def _enrollment_touch(*, user: User, course_id: int, lesson: Lesson | None = None) -> None:
    fields = {"last_activity_at": timezone.now()}
    if lesson is not None:
        fields["last_lesson"] = lesson
    Enrollment.objects.filter(user=user, course_id=course_id).update(**fields)


VISIT_WRITE_INTERVAL = timedelta(minutes=5)


def lesson_visit(*, user: User, lesson: Lesson, enrollment: Enrollment | None = None) -> None:
    """Remember the lesson a participant last opened ("continue where you left off") and when.

    Given the `enrollment` the page already read, the row is written only when something changed:
    another lesson than the one remembered, or the last activity older than five minutes (the
    activity is read in days: inactivity nudges, the organization's "inactive" filter). Reading the
    same lesson again within five minutes costs no write.
    """
    if (
        enrollment is not None
        and enrollment.last_lesson_id == lesson.pk
        and enrollment.last_activity_at > timezone.now() - VISIT_WRITE_INTERVAL
    ):
        return
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


def _next_position(siblings: QuerySet) -> int:
    """After the last sibling, in steps of 10 (gaps left by deletions stay gaps)."""
    return (siblings.aggregate(last=Max("position"))["last"] or 0) + 10


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
        module.position = _next_position(Module.objects.filter(course_id=module.course_id))
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
        lesson.position = _next_position(Lesson.objects.filter(module_id=lesson.module_id))
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
        exercise.position = _next_position(Exercise.objects.filter(module_id=exercise.module_id))
    exercise.full_clean(exclude=["course"])
    exercise.save()
    outline_invalidate(exercise.course_id)
    return exercise


@transaction.atomic
def course_update(*, course: Course, expected_version: int, **data: Any) -> Course:
    """Update course fields only if nobody saved since `expected_version` (else `EditConflict`)."""
    markdown_validate(data.get("description", course.description) or "")
    data = {**data, "description_html": markdown_render(data.get("description", course.description))}
    course, _changed = model_update(
        instance=course,
        fields=(*COURSE_FIELDS, "description_html"),
        data=data,
        expected_version=expected_version,
        clean_exclude=["trainers", "cover_image"],
    )
    outline_invalidate(course.pk)
    return course


@transaction.atomic
def course_cover_set(*, course: Course, image: UploadedFile | None) -> Course:
    """Replace the course's cover with `image` (its content checked by the caller's form), or
    remove it (None): the storefront then draws one from the title."""
    if course.cover_image:
        course.cover_image.delete(save=False)
    course.cover_image = image or ""
    course.save(update_fields=["cover_image", "updated_at"])
    outline_invalidate(course.pk)  # the lesson page's cached lesson carries its course row
    return course


@transaction.atomic
def lesson_update(*, lesson: Lesson, expected_version: int, **data: Any) -> Lesson:
    """Save lesson fields only if nobody saved since `expected_version` (else `EditConflict`).

    The lesson is updated in place, so progress and submissions keep pointing at it.
    """
    markdown_validate(data.get("body", lesson.body) or "")
    data = {**data, "body_html": markdown_render(data.get("body", lesson.body))}
    lesson, _changed = model_update(
        instance=lesson, fields=(*LESSON_FIELDS, "body_html"), data=data, expected_version=expected_version
    )
    outline_invalidate(lesson.course_id)
    return lesson


def _siblings(item: Module | Lesson | Exercise) -> QuerySet:
    if isinstance(item, Module):
        return Module.objects.filter(course_id=item.course_id)
    return type(item).objects.filter(module_id=item.module_id)


def _positions_write(model: type[Model], ordered: list[Model]) -> None:
    for n, sibling in enumerate(ordered, start=1):
        if sibling.position != n * 10:
            sibling.position = n * 10
            model.objects.filter(pk=sibling.pk).update(position=n * 10)


@transaction.atomic
def course_item_move(*, item: Module | Lesson | Exercise, direction: str) -> bool:
    """Swap `item` with its neighbour ("up" or "down") among its siblings. False at an end.

    Siblings are locked and renumbered 10, 20, 30… first, so equal positions left by older
    data cannot make a swap a no-op.
    """
    siblings = list(_siblings(item).select_for_update().order_by("position", "id"))
    ids = [s.pk for s in siblings]
    if item.pk not in ids or direction not in {"up", "down"}:
        return False
    i = ids.index(item.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(siblings):
        return False
    siblings[i], siblings[j] = siblings[j], siblings[i]
    _positions_write(type(item), siblings)
    outline_invalidate(item.course_id)
    return True


@transaction.atomic
def course_items_order_set(*, parent: Course | Module, model: type[Model], ids: list[int]) -> None:
    """Set the order of all modules of a course or lessons/exercises of a module (drag and drop)."""
    qs = Module.objects.filter(course=parent) if model is Module else model.objects.filter(module=parent)
    current = {row.pk: row for row in qs.select_for_update()}
    if set(ids) != set(current) or len(ids) != len(current):
        raise ValidationError(_("The order sent does not match the current items; reload the page."), code="order")
    _positions_write(model, [current[pk] for pk in ids])
    outline_invalidate(parent.pk if isinstance(parent, Course) else parent.course_id)


@transaction.atomic
def lesson_attachment_save(*, attachment: LessonAttachment) -> LessonAttachment:
    """The one writer of lesson attachments: validate and save, remembering the uploaded file's
    original name, sniffed type and size (the file itself is stored under a random name in private storage)."""
    upload = attachment.file
    if upload and not getattr(upload, "_committed", True):
        if (upload.size or 0) > settings.STUDIO_MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s MB, at most %(max)s MB).")
                % {"size": round(upload.size / 1048576, 1), "max": settings.STUDIO_MAX_ATTACHMENT_BYTES // 1048576},
                code="too_large",
            )
        attachment.original_name = PurePath(upload.name).name[:255]
        attachment.content_type = served_content_type(upload)  # by content, never the browser's word
        attachment.size = upload.size or 0
    if not attachment.title:
        attachment.title = attachment.original_name[:200]
    attachment.full_clean()
    attachment.save()
    outline_invalidate(attachment.lesson.course_id)  # the lesson page lists downloads from the cached outline
    return attachment


@transaction.atomic
def lesson_attachment_create(*, lesson: Lesson, title: str, file: UploadedFile) -> LessonAttachment:
    return lesson_attachment_save(attachment=LessonAttachment(lesson=lesson, title=title, file=file))


@transaction.atomic
def lesson_attachment_delete(*, attachment: LessonAttachment) -> None:
    """Delete the row, and its file once the transaction commits."""
    name, storage = attachment.file.name, attachment.file.storage
    course_id = attachment.lesson.course_id
    attachment.delete()
    outline_invalidate(course_id)
    transaction.on_commit(lambda: storage.delete(name))
