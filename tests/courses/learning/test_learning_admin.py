"""The admin saves content through the services, so lesson HTML is rendered and sanitised."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Lesson, Module
from tests.factories import CourseFactory, ModuleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_admin_lesson_inline_save_renders_and_sanitises(client, staff_login):
    staff_login(client, StaffFactory())
    module = ModuleFactory(course=CourseFactory())
    url = reverse("admin:courses_module_change", args=[module.pk])
    data = {
        "course": module.course.pk,
        "title": module.title,
        "summary": "",
        "position": 10,
        "lessons-TOTAL_FORMS": 1,
        "lessons-INITIAL_FORMS": 0,
        "lessons-MIN_NUM_FORMS": 0,
        "lessons-MAX_NUM_FORMS": 1000,
        "lessons-0-position": 5,
        "lessons-0-title": "New lesson",
        "lessons-0-slug": "new-lesson",
        "lessons-0-estimated_minutes": 12,
        "lessons-0-required": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = Lesson.objects.get(slug="new-lesson")
    assert lesson.course_id == module.course_id


def test_admin_lesson_change_renders_body(client, staff_login):
    staff_login(client, StaffFactory())
    module = ModuleFactory(course=CourseFactory())
    url = reverse("admin:courses_lesson_add")
    data = {
        "module": module.pk,
        "title": "Admin lesson",
        "slug": "admin-lesson",
        "body": "Some **bold** <script>alert(1)</script>",
        "estimated_minutes": 10,
        "video_url": "",
        "required": "on",
        "position": 1,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "attachments-MIN_NUM_FORMS": 0,
        "attachments-MAX_NUM_FORMS": 1000,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = Lesson.objects.get(slug="admin-lesson")
    assert "<strong>bold</strong>" in lesson.body_html
    assert "<script>" not in lesson.body_html


def test_admin_module_inline_on_course(client, staff_login):
    staff_login(client, StaffFactory())
    course = CourseFactory()
    response = client.get(reverse("admin:courses_course_change", args=[course.pk]))
    assert response.status_code == 200
    assert "modules-TOTAL_FORMS" in response.content.decode()
    assert Module.objects.count() == 0


def test_admin_delete_of_a_lesson_is_not_served_from_the_cached_outline(client, staff_login):
    """The admin's delete views bypass the services; the course page must still forget the lesson."""
    from tests.factories import EnrollmentFactory, LessonFactory, UserFactory

    module = ModuleFactory()
    keep = LessonFactory(module=module, title="Lesson that stays")
    gone = LessonFactory(module=module, title="Lesson that goes away")
    participant = UserFactory()
    EnrollmentFactory(user=participant, course=module.course)
    client.force_login(participant)
    gone_url = gone.get_absolute_url()
    assert f'href="{gone_url}"' in client.get(module.course.get_absolute_url()).content.decode()  # cached now

    staff_login(client, StaffFactory())
    response = client.post(reverse("admin:courses_lesson_delete", args=[gone.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Lesson.objects.filter(pk=gone.pk).exists()

    client.force_login(participant)
    html = client.get(module.course.get_absolute_url()).content.decode()
    assert f'href="{gone_url}"' not in html
    assert f'href="{keep.get_absolute_url()}"' in html
