"""Studio writes for a course's modules, lessons and exercises.

Editing a published course never deletes participant data: lessons and exercises are updated
in place (never deleted and re-created), and deleting a lesson or exercise that participants
have worked on is refused (`ContentInUse`); the trainer can mark it optional or move it
instead. Rows, positions and attachments are written by learning's services; an exercise's
own details by its kind's writer (`courses.exercises.kinds`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.exercises.kinds import exercise_kind
from courses.learning.models import Course, Exercise, Lesson, LessonAttachment, Module
from courses.learning.outline import outline_invalidate
from courses.learning.services import exercise_save, lesson_attachment_delete, lesson_save, module_save
from courses.studio.markdown import markdown_guard


class ContentInUse(ValidationError):
    """Participants have progress on this content, so it is not deleted."""


@transaction.atomic
def module_create(*, course: Course, title: str, summary: str = "") -> Module:
    return module_save(module=Module(course=course, title=title, summary=summary))


@transaction.atomic
def module_update(*, module: Module, title: str, summary: str = "") -> Module:
    module.title, module.summary = title, summary
    return module_save(module=module)


@transaction.atomic
def module_delete(*, module: Module) -> None:
    content_delete_check(item=module)
    module.delete()
    outline_invalidate(module.course_id)


@transaction.atomic
def lesson_create(*, module: Module, **fields: Any) -> Lesson:
    lesson = Lesson(module=module, course_id=module.course_id, **fields)
    markdown_guard(lesson.body)
    lesson.validate_constraints()  # slug unique in the course: a form error, not an IntegrityError
    return lesson_save(lesson=lesson)


def _refuse_if_lesson_in_use(lesson: Lesson) -> None:
    n = lesson.progress.count()
    if n:
        raise ContentInUse(
            _(
                "“%(title)s” cannot be deleted: %(n)s participants have completed it. "
                "Mark it as not required or move it instead."
            )
            % {"title": lesson.title, "n": n},
            code="in_use",
        )


def _refuse_if_exercise_in_use(exercise: Exercise) -> None:
    if exercise.completions.exists() or exercise_kind(exercise.kind).has_participant_data(exercise):
        raise ContentInUse(
            _("“%(title)s” cannot be deleted: participants have worked on it. Mark it as not required instead.")
            % {"title": exercise.title},
            code="in_use",
        )


def content_delete_check(*, item: Course | Module | Lesson | Exercise) -> None:
    """Raise `ContentInUse` when deleting `item` would take participants' work with it.

    The rule of `course_delete`, `module_delete`, `lesson_delete` and `exercise_delete`; the
    admin asks it before it shows a delete confirmation.
    """
    if isinstance(item, Course):
        if item.enrollments.exists():
            raise ContentInUse(
                _("“%(title)s” cannot be deleted: participants are enrolled. Archive it instead.")
                % {"title": item.title},
                code="in_use",
            )
        if item.translations.exists():  # Course.translation_of is PROTECT: say why, in words
            raise ContentInUse(
                _("“%(title)s” cannot be deleted: it has translations. Delete those first.") % {"title": item.title},
                code="has_translations",
            )
        for module in item.modules.all():
            content_delete_check(item=module)
    elif isinstance(item, Module):
        for lesson in item.lessons.all():
            _refuse_if_lesson_in_use(lesson)
        for exercise in item.exercises.all():
            _refuse_if_exercise_in_use(exercise)
    elif isinstance(item, Lesson):
        _refuse_if_lesson_in_use(item)
    else:
        _refuse_if_exercise_in_use(item)


@transaction.atomic
def course_delete(*, course: Course) -> None:
    """Delete a course nobody has worked in (its attachment files go after the commit)."""
    content_delete_check(item=course)
    for attachment in LessonAttachment.objects.filter(lesson__course=course):
        lesson_attachment_delete(attachment=attachment)
    course_id = course.pk
    course.delete()
    outline_invalidate(course_id)


@transaction.atomic
def lesson_delete(*, lesson: Lesson) -> None:
    _refuse_if_lesson_in_use(lesson)
    for attachment in lesson.attachments.all():
        lesson_attachment_delete(attachment=attachment)
    lesson.delete()
    outline_invalidate(lesson.course_id)


@transaction.atomic
def exercise_create(*, module: Module, **fields: Any) -> Exercise:
    exercise = Exercise(module=module, course_id=module.course_id, **fields)
    markdown_guard(exercise.instructions)
    exercise.validate_constraints()
    return exercise_save(exercise=exercise)


@transaction.atomic
def exercise_update(*, exercise: Exercise, details: Mapping | None = None, **fields: Any) -> Exercise:
    """Save the common fields and, when given, the kind's own details (written by the kind's writer)."""
    fields.pop("kind", None)  # the kind never changes: its details would no longer fit
    for key, value in fields.items():
        setattr(exercise, key, value)
    markdown_guard(exercise.instructions)
    exercise.validate_constraints()
    exercise = exercise_save(exercise=exercise)
    if details:
        exercise_kind(exercise.kind).save(exercise=exercise, details=details)
    return exercise


@transaction.atomic
def exercise_delete(*, exercise: Exercise) -> None:
    _refuse_if_exercise_in_use(exercise)
    exercise.delete()
    outline_invalidate(exercise.course_id)
