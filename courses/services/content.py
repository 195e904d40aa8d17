"""Writes for course content. Markdown is rendered and sanitised here, at save time."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from courses.models import Course, Exercise, Lesson, LessonAttachment, Module
from courses.selectors.outline import outline_invalidate
from lms.richtext import markdown_render, markdown_validate


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
    """Validate and save an attachment, remembering the uploaded file's original name, type
    and size (the file itself is stored under a random name in private storage)."""
    upload = attachment.file
    if upload and not getattr(upload, "_committed", True):
        attachment.original_name = PurePath(upload.name).name[:255]
        attachment.content_type = (
            getattr(getattr(upload, "file", None), "content_type", None)
            or mimetypes.guess_type(upload.name)[0]
            or "application/octet-stream"
        )[:100]
        attachment.size = upload.size or 0
    if not attachment.title:
        attachment.title = attachment.original_name
    attachment.full_clean()
    attachment.save()
    return attachment
