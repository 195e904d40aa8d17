"""Reminder engine without services: sweep, claim, send, retry, preferences, unsubscribe."""

from __future__ import annotations

import datetime
import smtplib

import pytest
from django.core import mail, signing
from django.utils import timezone

from courses.models import EmailPreference, Reminder
from courses.reminders import engine
from courses.reminders.tasks import reminders_send_batch_task, reminders_sweep_task
from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _welcome_row(user=None, **kwargs):
    enrollment = EnrollmentFactory(user=user or UserFactory())
    return Reminder.objects.create(
        user=enrollment.user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once", **kwargs
    )


def test_sweep_twice_stores_one_row_and_sends_one_email(settings):
    EnrollmentFactory()
    reminders_sweep_task()
    reminders_sweep_task()
    assert Reminder.objects.filter(kind="welcome").count() == 1
    assert [m.subject for m in mail.outbox if "Welcome" in m.subject] and len(
        [m for m in mail.outbox if "Welcome" in m.subject]
    ) == 1
    assert Reminder.objects.get(kind="welcome").status == Reminder.Status.SENT


def test_send_batch_message_is_multipart_with_unsubscribe_headers():
    row = _welcome_row()
    reminders_send_batch_task([row.id])
    (message,) = mail.outbox
    assert message.alternatives[0].mimetype == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/email/unsubscribe/" in url
    from django.conf import settings

    assert url in message.body and url in message.alternatives[0].content
    assert settings.SITE_NAME in message.body and f"{settings.SITE_URL}/" in message.body


def test_claim_twice_gives_row_to_one_claimer_only():
    row = _welcome_row()
    _token, first = engine.reminders_claim(ids=[row.id])
    _token2, second = engine.reminders_claim(ids=[row.id])
    assert [r.id for r in first] == [row.id]
    assert second == []


def test_claim_takes_back_a_stale_sending_row(settings):
    settings.REMINDERS_CLAIM_TIMEOUT = 60
    row = _welcome_row(status=Reminder.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(seconds=61))
    _token, rows = engine.reminders_claim(ids=[row.id])
    assert [r.id for r in rows] == [row.id]


def test_send_batch_skips_unsubscribed_user():
    row = _welcome_row()
    EmailPreference.objects.create(user=row.user, kind="welcome", enabled=False)
    reminders_send_batch_task([row.id])
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == Reminder.Status.SKIPPED


def test_send_batch_refused_goes_back_to_pending_then_failed(settings, monkeypatch):
    settings.TASK_MAX_RETRIES = 2
    row = _welcome_row()

    def refuse(self, messages):
        raise smtplib.SMTPDataError(451, b"try later")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    result = engine.reminders_send_batch(ids=[row.id])
    row.refresh_from_db()
    assert result.retry == [row.id] and row.status == Reminder.Status.PENDING and "451" in row.last_error
    Reminder.objects.filter(pk=row.pk).update(next_attempt_at=None)
    engine.reminders_send_batch(ids=[row.id])
    row.refresh_from_db()
    assert row.status == Reminder.Status.FAILED and row.attempts == 2
    assert engine.reminders_retry(ids=[row.id]) == 1
    row.refresh_from_db()
    assert row.status == Reminder.Status.PENDING and row.attempts == 0


def test_unsubscribe_token_tampered_is_refused_and_changes_nothing(client):
    user = UserFactory()
    token = engine.unsubscribe_token(user_id=user.id, kind="welcome")
    bad = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/email/unsubscribe/{bad}/")
    assert response.status_code == 400
    assert not EmailPreference.objects.filter(user=user).exists()
    with pytest.raises(signing.BadSignature):
        engine.unsubscribe_token_load(bad)


def test_unsubscribe_one_click_post_works_without_login(client):
    user = UserFactory()
    token = engine.unsubscribe_token(user_id=user.id, kind="inactivity")
    assert client.get(f"/email/unsubscribe/{token}/").status_code == 200
    assert not EmailPreference.objects.filter(user=user).exists()  # GET only asks
    response = client.post(f"/email/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert EmailPreference.objects.get(user=user, kind="inactivity").enabled is False


def test_unsubscribe_essential_kind_is_refused(client):
    user = UserFactory()
    token = engine.unsubscribe_token(user_id=user.id, kind="certificate_issued")
    assert client.post(f"/email/unsubscribe/{token}/").status_code == 400
    assert not EmailPreference.objects.filter(user=user).exists()


def test_email_preferences_page_saves_and_keeps_essential(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/my/email-preferences/").status_code == 200
    response = client.post("/my/email-preferences/", {"kinds": ["welcome"]})
    assert response.status_code == 302
    off = set(EmailPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    assert "inactivity" in off and "welcome" not in off and "certificate_issued" not in off


def test_email_preferences_page_needs_login(client):
    response = client.get("/my/email-preferences/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_rolled_back_enqueue_sends_nothing(django_capture_on_commit_callbacks):
    from django.db import transaction

    from courses.reminders.base import Due
    from courses.reminders.services import reminder_enqueue

    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                reminder_enqueue(kind="welcome", due=Due(user_id=user.id, object_key="enrollment:1", period="once"))
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == [] and not Reminder.objects.exists()


def test_inactivity_nudge_names_next_lesson():
    course = CourseFactory(nudge_days_first=3, nudge_days_second=10)
    first = LessonFactory(module__course=course, title="Open questions")
    LessonFactory(module=first.module, title="Silence")
    enrollment = EnrollmentFactory(course=course)
    from courses.learning.services import lesson_complete

    lesson_complete(user=enrollment.user, lesson=first)
    Reminder.objects.all().delete()
    from courses.models import Enrollment

    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=4))
    mail.outbox.clear()
    reminders_sweep_task()
    row = Reminder.objects.get(kind="inactivity")
    assert row.period.startswith("d1:")
    (message,) = [m for m in mail.outbox if m.to == [enrollment.user.email] and "Continue" in m.subject]
    assert "Silence" in message.body
    # Eleven days: the second nudge, once.
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=11))
    reminders_sweep_task()
    reminders_sweep_task()
    assert Reminder.objects.filter(kind="inactivity", period__startswith="d2:").count() == 1


def test_inactivity_find_due_query_count_is_flat(django_assert_num_queries):
    from courses.models import Enrollment

    kind = engine.all_kinds()["inactivity"]
    now = timezone.now()
    course = CourseFactory()

    def make(n):
        for _ in range(n):
            EnrollmentFactory(course=course)
        Enrollment.objects.update(last_activity_at=now - datetime.timedelta(days=4))

    make(10)
    # 1: per-course nudge settings; 2: inactive enrollments joined with their course.
    with django_assert_num_queries(2):
        assert len(list(kind.find_due(now=now))) == 10
    make(190)
    with django_assert_num_queries(2):
        assert len(list(kind.find_due(now=now))) == 200


def test_sweep_query_count_is_flat(django_assert_num_queries):
    """find_due of every kind plus the insert and the id read: the same count at 10 and 200."""
    course = CourseFactory()
    for _ in range(10):
        EnrollmentFactory(course=course)
    engine.reminders_sweep()
    Reminder.objects.all().delete()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        engine.reminders_sweep()
    Reminder.objects.all().delete()
    for _ in range(190):
        EnrollmentFactory(course=course)
    with django_assert_num_queries(len(small.captured_queries)):
        engine.reminders_sweep()
    assert Reminder.objects.filter(kind="welcome").count() == 200
