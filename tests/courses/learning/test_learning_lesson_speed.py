"""What the lesson page's savings (issue 18) must not break: "continue where you left off",
downloads listed from the cached outline, the cached page body's ticks, and each reader's own
form and token outside it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from courses.learning.services import (
    enrollment_create,
    lesson_attachment_create,
    lesson_attachment_delete,
    lesson_complete,
    lesson_save,
)
from courses.models import Enrollment, LessonProgress
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path
    course = CourseFactory()
    module = ModuleFactory(course=course)
    lessons = [LessonFactory(module=module, title=f"Lesson number {i}") for i in range(3)]
    user = UserFactory()
    enrollment, _ = enrollment_create(user=user, course=course)
    client.force_login(user)
    return enrollment, lessons


def _stamp(enrollment: Enrollment) -> tuple[int | None, object]:
    enrollment.refresh_from_db()
    return enrollment.last_lesson_id, enrollment.last_activity_at


def test_lesson_visit_writes_only_when_something_changed(client, reader):
    """Re-reading the remembered lesson within five minutes writes nothing; another lesson, or the
    same one after five minutes, is written (the old code wrote on every view)."""
    enrollment, lessons = reader
    client.get(lessons[0].get_absolute_url())
    first = _stamp(enrollment)
    assert first[0] == lessons[0].pk
    client.get(lessons[0].get_absolute_url())
    assert _stamp(enrollment) == first  # no write: same lesson, recent activity
    client.get(lessons[1].get_absolute_url())
    assert _stamp(enrollment)[0] == lessons[1].pk  # "continue where you left off" follows at once
    old = timezone.now() - timedelta(minutes=6)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=old)
    client.get(lessons[1].get_absolute_url())
    assert _stamp(enrollment)[1] > old  # activity refreshed after five minutes


def test_attachment_added_and_deleted_shows_on_warm_lesson_page(client, reader):
    """Downloads come from the cached outline: adding or deleting one shows on the next view."""
    _enrollment, lessons = reader
    url = lessons[0].get_absolute_url()
    assert "Price list" not in client.get(url).content.decode()  # cache warm, no downloads
    attachment = lesson_attachment_create(
        lesson=lessons[0], title="Price list", file=SimpleUploadedFile("prices.pdf", b"%PDF-1.4 prices")
    )
    html = client.get(url).content.decode()
    assert "Price list" in html and f"/attachments/{attachment.pk}/" in html
    assert "Price list" not in client.get(lessons[1].get_absolute_url()).content.decode()
    lesson_attachment_delete(attachment=attachment)
    assert "Price list" not in client.get(url).content.decode()


def test_cached_outline_fragment_follows_ticks(client, reader):
    """The outline fragment is cached per fingerprint: completing a lesson ticks it on the next view."""
    enrollment, lessons = reader
    url = lessons[1].get_absolute_url()
    done_link = f'<a href="{lessons[0].get_absolute_url()}" class="done">'
    assert done_link not in client.get(url).content.decode()
    lesson_complete(user=enrollment.user, lesson=lessons[0])
    assert done_link in client.get(url).content.decode()


def test_cached_outline_fragment_not_shared_with_a_preview_reader(client, reader):
    """A visitor on a free preview sees the other lessons locked, even after a participant's view
    of the same lesson filled the fragment cache."""
    _enrollment, lessons = reader
    lessons[0].free_preview = True
    lesson_save(lesson=lessons[0])
    url = lessons[0].get_absolute_url()
    assert f'href="{lessons[1].get_absolute_url()}"' in client.get(url).content.decode()
    client.logout()
    html = client.get(url).content.decode()
    assert f'href="{lessons[1].get_absolute_url()}"' not in html
    assert "locked: enroll to continue" in html


def _csrf(html: str) -> str:
    return re.search(
        r'action="[^"]*/complete/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', html
    )[1]


def test_a_shared_lesson_fragment_keeps_each_readers_own_csrf_token(reader):
    """Two participants at the same point share the cached page body; the form outside it carries
    each one's own token, so marking complete works for the second reader too."""
    enrollment, lessons = reader
    url = lessons[0].get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(enrollment.user)
    other = UserFactory()
    enrollment_create(user=other, course=enrollment.course)
    second.force_login(other)
    first_html, second_html = first.get(url).content.decode(), second.get(url).content.decode()
    assert _csrf(first_html) != _csrf(second_html)
    complete = url + "complete/"
    response = second.post(complete, {"csrfmiddlewaretoken": _csrf(second_html)})
    assert response.status_code == 302
    assert LessonProgress.objects.filter(user=other, lesson=lessons[0]).exists()


def test_the_cached_page_body_is_not_shared_between_enrolled_and_teaching_readers(client, reader):
    """A trainer reading the course (not enrolled, no ticks) has the same outline fingerprint as a
    participant who has done nothing yet; only the participant sees progress and the form."""
    enrollment, lessons = reader
    url = lessons[0].get_absolute_url()
    participant_html = client.get(url).content.decode()
    assert "0 of 3 done" in participant_html and "Mark complete" in participant_html
    trainer = TrainerFactory()
    enrollment.course.trainers.add(trainer)
    client.force_login(trainer)
    trainer_html = client.get(url).content.decode()
    assert lessons[0].title in trainer_html
    assert "0 of 3 done" not in trainer_html and "Mark complete" not in trainer_html
