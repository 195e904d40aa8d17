"""The studio creates a linked translation of a course and shows which lessons changed in the
original since the translation was last brought up to date (issue 15)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.learning.models import Lesson
from courses.studio import services as svc
from courses.studio.exchange import course_export_data
from courses.studio.translations import translation_create
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    ModuleFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def master(trainer):
    course = CourseFactory(trainers=[trainer], title="Coaching Sales Professionals", language="en")
    for _ in range(2):
        module = ModuleFactory(course=course)
        LessonFactory(module=module)
        LessonFactory(module=module)
        ExerciseFactory(module=module)
    return course


def test_trainer_creates_a_linked_draft_translation(client, trainer, master):
    client.force_login(trainer)
    page = client.get(reverse("courses:studio_course_edit", args=[master.slug])).content.decode()
    url = reverse("courses:studio_translation_create", args=[master.slug])
    assert url in page and 'id="translation-language"' in page
    confirm = client.get(url)
    assert confirm.status_code == 200 and 'value="nl"' in confirm.content.decode()
    response = client.post(url, {"language": "nl"})
    copy = master.translations.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "courses:studio_course_edit", args=[copy.slug]
    )
    assert copy.language == "nl" and copy.status == "draft"
    assert set(copy.trainers.all()) == {trainer}
    originals = dict(copy.lessons.values_list("original_id", "original_version"))
    assert originals == dict(master.lessons.values_list("pk", "version"))
    assert set(copy.exercises.values_list("original_id", flat=True)) == set(
        master.exercises.values_list("pk", flat=True)
    )
    # The original's studio page links to it; the translation's names its original.
    page = client.get(reverse("courses:studio_course_edit", args=[master.slug])).content.decode()
    assert reverse("courses:studio_course_edit", args=[copy.slug]) in page
    assert 'id="translation-language"' not in page  # no second Dutch translation offered
    page = client.get(reverse("courses:studio_course_edit", args=[copy.slug])).content.decode()
    assert reverse("courses:studio_course_edit", args=[master.slug]) in page
    assert "Every lesson is up to date with the original." in page
    # A second translation into Dutch is refused, nothing is created.
    assert client.post(url, {"language": "nl"}).status_code == 400
    assert master.translations.count() == 1


def test_exported_translation_is_an_ordinary_course_file(trainer, master):
    copy = translation_create(course=master, language="nl", user=trainer)
    data = course_export_data(course=copy)
    assert data["course"]["language"] == "nl"
    assert set(data) == set(course_export_data(course=master))


@pytest.mark.parametrize("who", ["other_trainer", "participant"])
def test_others_cannot_create_a_translation(client, master, who):
    user = TrainerFactory() if who == "other_trainer" else UserFactory()
    if who == "participant":
        EnrollmentFactory(user=user, course=master)
    client.force_login(user)
    url = reverse("courses:studio_translation_create", args=[master.slug])
    assert client.get(url).status_code in {403, 404}
    assert client.post(url, {"language": "nl"}).status_code in {403, 404}
    assert not master.translations.exists()


def test_changed_lessons_are_listed_until_marked_up_to_date(client, trainer, master):
    copy = translation_create(course=master, language="nl", user=trainer)
    lesson = master.lessons.order_by("module__position", "position").first()
    svc.lesson_update(lesson=lesson, expected_version=lesson.version, body="A new example.")
    translated = Lesson.objects.get(original=lesson)
    client.force_login(trainer)
    page = client.get(reverse("courses:studio_course_edit", args=[copy.slug])).content.decode()
    mark = reverse("courses:studio_lesson_mark_current", args=[copy.slug, translated.pk])
    assert mark in page
    others = copy.lessons.exclude(pk=translated.pk)
    for other in others:
        assert reverse("courses:studio_lesson_mark_current", args=[copy.slug, other.pk]) not in page
    assert client.get(mark).status_code == 405
    response = client.post(mark)
    assert response.status_code == 302
    translated.refresh_from_db()
    lesson.refresh_from_db()
    assert translated.original_version == lesson.version
    page = client.get(reverse("courses:studio_course_edit", args=[copy.slug])).content.decode()
    assert mark not in page
    # A lesson of another course, or an unlinked one, is not found.
    assert client.post(reverse("courses:studio_lesson_mark_current", args=[copy.slug, lesson.pk])).status_code == 404


def test_another_trainer_cannot_mark_lessons(client, trainer, master):
    copy = translation_create(course=master, language="nl", user=trainer)
    translated = copy.lessons.first()
    client.force_login(TrainerFactory())
    url = reverse("courses:studio_lesson_mark_current", args=[copy.slug, translated.pk])
    assert client.post(url).status_code == 404


def test_a_translation_cannot_be_translated_again(client, trainer, master):
    copy = translation_create(course=master, language="nl", user=trainer)
    client.force_login(trainer)
    url = reverse("courses:studio_translation_create", args=[copy.slug])
    assert "cannot get another translation" in client.get(url).content.decode()
    assert client.post(url, {"language": "en"}).status_code == 400


def test_an_original_with_translations_cannot_be_deleted(trainer, master):
    translation_create(course=master, language="nl", user=trainer)
    with pytest.raises(svc.ContentInUse):
        svc.course_delete(course=master)
    assert master.translations.exists()
