"""Enrolling, completing and finishing a course; trainer content never reaches a page unsafely."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from courses.learning import services as enrollment_services
from courses.learning.services import (
    course_completion_check,
    enrollment_create,
    exercise_mark_complete,
    lesson_complete,
    lesson_save,
)
from courses.models import Course, Enrollment, ExerciseCompletion, Lesson, LessonProgress, Module
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(enrollment_services, "enrollment_completed", lambda *, enrollment: calls.append(enrollment.pk))
    return calls


def _course(lessons=2, optional=0, exercises=0):
    course = CourseFactory()
    module = ModuleFactory(course=course)
    for _ in range(lessons):
        LessonFactory(module=module)
    for _ in range(optional):
        LessonFactory(module=module, required=False)
    for _ in range(exercises):
        ExerciseFactory(module=module)
    return course


def test_enrollment_create_twice_is_one_row():
    course, user = _course(), UserFactory()
    first, created_first = enrollment_create(user=user, course=course)
    second, created_second = enrollment_create(user=user, course=course)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Enrollment.objects.filter(user=user, course=course).count() == 1


def test_enrollment_create_refuses_draft():
    course = CourseFactory(status=Course.Status.DRAFT)
    with pytest.raises(ValidationError):
        enrollment_create(user=UserFactory(), course=course)
    assert not Enrollment.objects.exists()


def test_lesson_complete_twice_is_one_row():
    course, user = _course(), UserFactory()
    enrollment_create(user=user, course=course)
    lesson = course.lessons.first()
    _, created_first = lesson_complete(user=user, lesson=lesson)
    _, created_second = lesson_complete(user=user, lesson=lesson)
    assert (created_first, created_second) == (True, False)
    assert LessonProgress.objects.filter(user=user, lesson=lesson).count() == 1


def test_completing_all_required_lessons_completes_once(completed_calls):
    course, user = _course(lessons=2, optional=1), UserFactory()
    enrollment, _ = enrollment_create(user=user, course=course)
    required = list(course.lessons.filter(required=True))
    lesson_complete(user=user, lesson=required[0])
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert completed_calls == []
    lesson_complete(user=user, lesson=required[1])
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.completed_at is not None
    first_completed_at = enrollment.completed_at
    # Completing again, the optional lesson, or checking again changes nothing.
    lesson_complete(user=user, lesson=required[1])
    lesson_complete(user=user, lesson=course.lessons.get(required=False))
    assert course_completion_check(enrollment=enrollment) is False
    enrollment.refresh_from_db()
    assert enrollment.completed_at == first_completed_at
    assert completed_calls == [enrollment.pk]


def test_required_exercise_gates_completion(completed_calls):
    course, user = _course(lessons=1, exercises=1), UserFactory()
    enrollment, _ = enrollment_create(user=user, course=course)
    lesson_complete(user=user, lesson=course.lessons.get())
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not ExerciseCompletion.objects.exists()
    assert completed_calls == []
    assert exercise_mark_complete(user=user, exercise=course.exercises.get()) is True
    assert exercise_mark_complete(user=user, exercise=course.exercises.get()) is False
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert completed_calls == [enrollment.pk]


def test_optional_exercise_does_not_gate_completion(completed_calls):
    course, user = _course(lessons=1), UserFactory()
    ExerciseFactory(module=course.modules.get(), required=False)
    enrollment, _ = enrollment_create(user=user, course=course)
    lesson_complete(user=user, lesson=course.lessons.get())
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert completed_calls == [enrollment.pk]


def test_completion_through_the_page_calls_hook_once(client, completed_calls):
    course, user = _course(lessons=1), UserFactory()
    client.force_login(user)
    client.post(reverse("courses:course_enroll", args=[course.slug]))
    url = reverse("courses:lesson_complete", args=[course.slug, course.lessons.get().slug])
    client.post(url)
    client.post(url)
    assert completed_calls == [Enrollment.objects.get(user=user).pk]


# --- Stored XSS ------------------------------------------------------------------------

EVIL_BODY = """# Lesson

<script>alert('x')</script>

<img src="x" onerror="alert(1)">

[click me](javascript:alert(2))

<a href="javascript:alert(3)">link</a>

<iframe src="https://evil.example/steal"></iframe>

Plain **safe** text.
"""


def _evil_lesson():
    course = CourseFactory(description="<script>alert('d')</script> [x](javascript:alert(4))")
    lesson = LessonFactory(module=ModuleFactory(course=course), body=EVIL_BODY, free_preview=True)
    return course, lesson


def _assert_clean(html: str) -> None:
    lowered = html.lower()
    assert "alert(" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered
    assert "evil.example" not in lowered
    assert "<script>alert" not in lowered


def test_stored_xss_never_reaches_lesson_or_course_page(client):
    course, lesson = _evil_lesson()
    user = UserFactory()
    enrollment_create(user=user, course=course)
    client.force_login(user)
    lesson_html = client.get(lesson.get_absolute_url()).content.decode()
    assert "<strong>safe</strong>" in lesson_html
    _assert_clean(lesson_html)
    _assert_clean(client.get(course.get_absolute_url()).content.decode())


def test_foreign_video_url_refused_and_never_embedded(client):
    course, lesson = _evil_lesson()
    lesson.video_url = "https://evil.example/video.mp4"
    with pytest.raises(ValidationError):
        lesson_save(lesson=lesson)
    # Even a row written around the service (old data, raw SQL) is never embedded.
    Lesson.objects.filter(pk=lesson.pk).update(video_url="https://evil.example/embed/abc")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert "evil.example" not in html


# --- Demo seed -------------------------------------------------------------------------


def _counts():
    return (
        Course.objects.count(),
        Module.objects.count(),
        Lesson.objects.count(),
        Enrollment.objects.count(),
        LessonProgress.objects.count(),
        list(Course.objects.order_by("pk").values_list("updated_at", flat=True)),
        list(Enrollment.objects.values_list("last_activity_at", flat=True)),
    )


def test_seed_demo_idempotent():
    call_command("seed_demo", stdout=None)
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    coaching = Course.objects.get(slug="coaching-sales-professionals")
    behaviour = Course.objects.get(slug="successfully-changing-behavior")
    for course in (coaching, behaviour):
        assert course.status == Course.Status.PUBLISHED
        assert course.trainers.filter(email="trainer@example.com").exists()
        assert course.description_html
    assert coaching.modules.count() >= 5 and coaching.lessons.count() >= 12
    assert behaviour.modules.count() >= 4 and behaviour.lessons.count() >= 10
    enrollment = Enrollment.objects.get(user__email="participant@example.com", course=coaching)
    assert LessonProgress.objects.filter(user=enrollment.user, course=coaching).count() == 2
    assert all(lesson.body_html for lesson in Lesson.objects.all())


def test_seed_demo_courses_appear_in_catalog(client):
    call_command("seed_demo")
    html = client.get(reverse("courses:catalog")).content.decode()
    assert "Coaching Sales Professionals" in html
    assert "Successfully Changing Behavior" in html
