"""The cached course outline: every content write shows on the next course and lesson page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.learning.outline import outline_invalidate, outline_structure
from courses.learning.services import enrollment_create, lesson_save
from courses.models import Course, Lesson
from courses.studio import services as studio
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    course = CourseFactory()
    module = ModuleFactory(course=course, title="First module")
    lessons = [LessonFactory(module=module, title=f"Lesson number {i}") for i in range(3)]
    exercise = ExerciseFactory(module=module, title="Practice drill")
    user = UserFactory()
    enrollment_create(user=user, course=course)
    client.force_login(user)
    return course, module, lessons, exercise


def _pages(client, course: Course, lesson: Lesson) -> tuple[str, str]:
    """The course page and a lesson page (warms the cache the first time)."""
    course_html = client.get(course.get_absolute_url()).content.decode()
    lesson_html = client.get(lesson.get_absolute_url()).content.decode()
    return course_html, lesson_html


def _both(client, course, lesson, text: str) -> bool:
    course_html, lesson_html = _pages(client, course, lesson)
    return text in course_html and text in lesson_html


def test_outline_structure_cached_no_queries_when_warm(setup):
    course = setup[0]
    outline_structure(course=course)
    with CaptureQueriesContext(connection) as ctx:
        modules = outline_structure(course=course)
    assert len(ctx.captured_queries) == 0
    assert [lesson.title for lesson in modules[0].lessons] == [f"Lesson number {i}" for i in range(3)]


def test_outline_invalidate_rebuilds(setup):
    course, _module, lessons, _exercise = setup
    outline_structure(course=course)
    Lesson.objects.filter(pk=lessons[0].pk).update(title="Renamed behind the cache")
    assert outline_structure(course=course)[0].lessons[0].title == "Lesson number 0"  # cached
    outline_invalidate(course.pk)
    assert outline_structure(course=course)[0].lessons[0].title == "Renamed behind the cache"


def test_lesson_save_rename_shows_at_once(client, setup):
    course, _module, lessons, _exercise = setup
    assert _both(client, course, lessons[1], "Lesson number 0")
    lessons[0].title = "Opening questions"
    lesson_save(lesson=lessons[0])
    assert _both(client, course, lessons[1], "Opening questions")


def test_studio_lesson_update_rename_shows_at_once(client, setup):
    course, _module, lessons, _exercise = setup
    _pages(client, course, lessons[1])
    lesson = Lesson.objects.get(pk=lessons[0].pk)
    studio.lesson_update(lesson=lesson, expected_version=lesson.version, title="Studio renamed lesson")
    assert _both(client, course, lessons[1], "Studio renamed lesson")


def test_studio_move_reorders_at_once(client, setup):
    course, _module, lessons, _exercise = setup
    course_html, _ = _pages(client, course, lessons[1])
    assert course_html.index("Lesson number 0") < course_html.index("Lesson number 2")
    studio.item_move(item=Lesson.objects.get(pk=lessons[2].pk), direction="up")
    studio.item_move(item=Lesson.objects.get(pk=lessons[2].pk), direction="up")
    course_html, lesson_html = _pages(client, course, lessons[1])
    assert course_html.index("Lesson number 2") < course_html.index("Lesson number 0")
    assert lesson_html.index("Lesson number 2") < lesson_html.index("Lesson number 0")


def test_studio_order_set_reorders_at_once(client, setup):
    course, module, lessons, _exercise = setup
    _pages(client, course, lessons[1])
    studio.item_order_set(parent=module, model=Lesson, ids=[lessons[2].pk, lessons[1].pk, lessons[0].pk])
    course_html, lesson_html = _pages(client, course, lessons[1])
    assert course_html.index("Lesson number 2") < course_html.index("Lesson number 0")
    assert lesson_html.index("Lesson number 2") < lesson_html.index("Lesson number 0")


def test_studio_lesson_delete_disappears_at_once(client, setup):
    course, _module, lessons, _exercise = setup
    assert _both(client, course, lessons[1], "Lesson number 2")
    studio.lesson_delete(lesson=Lesson.objects.get(pk=lessons[2].pk))
    course_html, lesson_html = _pages(client, course, lessons[1])
    assert "Lesson number 2" not in course_html and "Lesson number 2" not in lesson_html


def test_studio_lesson_create_and_exercise_edits_show_at_once(client, setup):
    course, module, lessons, exercise = setup
    _pages(client, course, lessons[1])
    studio.lesson_create(module=module, title="Brand new lesson", slug="brand-new-lesson", body="Text")
    assert _both(client, course, lessons[1], "Brand new lesson")
    exercise.title = "Renamed drill"
    studio.exercise_update(exercise=exercise, title="Renamed drill")
    assert _both(client, course, lessons[1], "Renamed drill")
    studio.exercise_delete(exercise=exercise)
    course_html, lesson_html = _pages(client, course, lessons[1])
    assert "Renamed drill" not in course_html and "Renamed drill" not in lesson_html


def test_module_edits_show_at_once(client, setup):
    course, module, lessons, _exercise = setup
    _pages(client, course, lessons[1])
    studio.module_update(module=module, title="Renamed module")
    assert _both(client, course, lessons[1], "Renamed module")
    studio.module_create(course=course, title="Second module")
    course_html, _ = _pages(client, course, lessons[1])
    assert "Second module" in course_html


def test_course_slug_change_updates_outline_links(client, setup):
    course, _module, lessons, _exercise = setup
    old_link = f"/courses/{course.slug}/lessons/{lessons[0].slug}/"
    _course_html, lesson_html = _pages(client, course, lessons[1])
    assert f'href="{old_link}"' in lesson_html
    course = Course.objects.get(pk=course.pk)
    studio.course_update(course=course, expected_version=course.version, slug="a-new-slug")
    lesson = Lesson.objects.select_related("course").get(pk=lessons[1].pk)
    _course_html, lesson_html = _pages(client, course, lesson)
    assert f'href="/courses/a-new-slug/lessons/{lessons[0].slug}/"' in lesson_html
    assert old_link not in lesson_html


def test_outline_invalidated_again_after_commit(django_capture_on_commit_callbacks, setup):
    """The generation is replaced after commit too, so a page built from not-yet-committed
    data is never served under the new generation."""
    course, _module, lessons, _exercise = setup
    outline_structure(course=course)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lessons[0].title = "Committed title"
        lesson_save(lesson=lessons[0])
    assert len(callbacks) >= 1
    # Read (and cached) under the generation set inside the transaction ...
    assert outline_structure(course=course)[0].lessons[0].title == "Committed title"
    Lesson.objects.filter(pk=lessons[0].pk).update(title="After commit")
    assert outline_structure(course=course)[0].lessons[0].title == "Committed title"
    # ... and no longer served once the transaction has committed.
    for callback in callbacks:
        callback()
    assert outline_structure(course=course)[0].lessons[0].title == "After commit"
