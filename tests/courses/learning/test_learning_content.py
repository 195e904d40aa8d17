"""Learning's one writer of course content: field updates (model_update), positions, attachments."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.learning.services import (
    course_item_move,
    lesson_attachment_create,
    lesson_attachment_save,
    lesson_save,
    lesson_update,
)
from courses.models import Lesson, LessonAttachment, Module
from lms.services import EditConflict, model_update
from tests.factories import LessonFactory, ModuleFactory

pytestmark = pytest.mark.django_db


def test_model_update_reports_whether_anything_changed():
    module = ModuleFactory(title="Old", summary="Same")
    module, changed = model_update(
        instance=module, fields=["title", "summary"], data={"title": "New", "summary": "Same"}
    )
    assert changed and Module.objects.get(pk=module.pk).title == "New"
    module, changed = model_update(instance=module, fields=["title"], data={"title": "New"})
    assert not changed


def test_model_update_refuses_fields_not_listed():
    module = ModuleFactory()
    with pytest.raises(ValueError):
        model_update(instance=module, fields=["title"], data={"course_id": 1})


def test_model_update_validates_before_saving():
    module = ModuleFactory(title="Kept")
    with pytest.raises(ValidationError):
        model_update(instance=module, fields=["title"], data={"title": ""})
    assert Module.objects.get(pk=module.pk).title == "Kept"


def test_lesson_update_stale_version_raises_edit_conflict_and_writes_nothing():
    lesson = LessonFactory(title="First")
    stale = Lesson.objects.get(pk=lesson.pk)
    lesson_update(lesson=lesson, expected_version=lesson.version, title="Second")
    with pytest.raises(EditConflict) as exc:
        lesson_update(lesson=stale, expected_version=stale.version, title="Third")
    assert exc.value.current_version == stale.version + 1
    assert Lesson.objects.get(pk=lesson.pk).title == "Second"


def test_lesson_save_new_lesson_goes_after_the_last_even_after_a_deletion():
    module = ModuleFactory()
    first = lesson_save(lesson=Lesson(module=module, title="A", slug="a"))
    second = lesson_save(lesson=Lesson(module=module, title="B", slug="b"))
    assert (first.position, second.position) == (10, 20)
    first.delete()
    third = lesson_save(lesson=Lesson(module=module, title="C", slug="c"))
    assert third.position == 30


def test_course_item_move_swaps_with_the_neighbour():
    module = ModuleFactory()
    a = lesson_save(lesson=Lesson(module=module, title="A", slug="a"))
    b = lesson_save(lesson=Lesson(module=module, title="B", slug="b"))
    assert course_item_move(item=b, direction="up")
    assert list(Lesson.objects.filter(module=module).order_by("position").values_list("pk", flat=True)) == [b.pk, a.pk]
    assert not course_item_move(item=b, direction="up")


def test_lesson_attachment_size_limit_holds_for_every_caller(settings):
    settings.STUDIO_MAX_ATTACHMENT_BYTES = 10
    lesson = LessonFactory()
    with pytest.raises(ValidationError):
        lesson_attachment_create(lesson=lesson, title="Big", file=SimpleUploadedFile("big.pdf", b"x" * 11))
    with pytest.raises(ValidationError):  # the admin's path: an unsaved instance with an upload
        lesson_attachment_save(attachment=LessonAttachment(lesson=lesson, file=SimpleUploadedFile("b.pdf", b"x" * 11)))
    assert not LessonAttachment.objects.exists()
    small = lesson_attachment_create(lesson=lesson, title="", file=SimpleUploadedFile("plan.pdf", b"%PDF-1"))
    assert (small.title, small.original_name, small.size) == ("plan.pdf", "plan.pdf", 6)
