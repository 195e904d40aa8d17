"""Reminder kinds: welcome, organization admins' digest, and their bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from courses.models import Enrollment, Reminder
from courses.reminders import engine
from courses.reminders.base import iso_week
from courses.reminders.tasks import reminders_sweep_task
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    LessonFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_welcome_in_recipient_language_with_link_and_unsubscribe(monkeypatch):
    from courses.reminders import engine as engine_module

    languages = []
    real_render = engine_module.email_render

    def spy(**kwargs):
        languages.append(kwargs["language"])
        return real_render(**kwargs)

    monkeypatch.setattr(engine_module, "email_render", spy)
    user = UserFactory(language="nl")
    EnrollmentFactory(user=user)
    reminders_sweep_task()
    assert languages == ["nl"]
    (message,) = mail.outbox
    assert message.to == [user.email]
    from django.conf import settings

    # The link back: the course page (or the site's home page before that page exists).
    assert "/email/unsubscribe/" in message.body and message.body.count(settings.SITE_URL) >= 2
    html = message.alternatives[0].content
    assert "/email/unsubscribe/" in html and settings.SITE_NAME in html


def test_org_digest_lists_progress_inactive_and_completions():
    org = OrganizationFactory()
    admin = MembershipFactory(organization=org, role=Membership.Role.ADMIN).user
    course = CourseFactory(title="Successfully Changing Behavior")
    LessonFactory(module__course=course)
    quiet = MembershipFactory(organization=org, user=UserFactory(full_name="Quinn Quiet")).user
    done = MembershipFactory(organization=org, user=UserFactory(full_name="Dana Done")).user
    EnrollmentFactory(user=quiet, course=course)
    Enrollment.objects.filter(user=quiet).update(last_activity_at=timezone.now() - datetime.timedelta(days=9))
    EnrollmentFactory(user=done, course=course)
    Enrollment.objects.filter(user=done).update(status="completed", completed_at=timezone.now())
    MembershipFactory(user=UserFactory(full_name="Other Org Person"))  # another organization
    mail.outbox.clear()
    reminders_sweep_task()
    reminders_sweep_task()
    digests = [m for m in mail.outbox if m.to == [admin.email] and "Weekly team progress" in m.subject]
    assert len(digests) == 1
    body = digests[0].body
    inactive_part = body.split("Inactive for more than a week")[1].split("New completions")[0]
    assert "Quinn Quiet" in inactive_part and "Dana Done" not in inactive_part
    assert "Dana Done: Successfully Changing Behavior" in body.split("New completions")[1]
    assert "Other Org Person" not in body
    row = Reminder.objects.get(kind="org_digest")
    assert row.period == iso_week(timezone.now()) and row.object_key == f"org:{org.pk}"


def _digest_queries(n_members: int) -> int:
    org = OrganizationFactory()
    MembershipFactory(organization=org, role=Membership.Role.ADMIN)
    course = CourseFactory()
    for _ in range(n_members):
        EnrollmentFactory(course=course, user=MembershipFactory(organization=org).user)
    kind = engine.all_kinds()["org_digest"]
    engine.reminders_store(kind=kind, dues=kind.find_due(now=timezone.now()), now=timezone.now())
    rows = list(Reminder.objects.filter(kind="org_digest", object_key=f"org:{org.pk}").select_related("user"))
    with CaptureQueriesContext(connection) as ctx:
        contexts = kind.contexts(reminders=rows)
    assert len(contexts) == 1
    return len(ctx.captured_queries)


def test_org_digest_contexts_query_count_is_flat():
    # organizations, memberships, admins, enrollments, then progress_for_enrollments' four.
    assert _digest_queries(3) == _digest_queries(30) == 8


def test_welcome_contexts_query_count_is_flat(django_assert_num_queries):
    kind = engine.all_kinds()["welcome"]
    for n in (10, 60):
        Reminder.objects.all().delete()
        for _ in range(n - Enrollment.objects.count()):
            EnrollmentFactory()
        engine.reminders_store(kind=kind, dues=kind.find_due(now=timezone.now()), now=timezone.now())
        rows = list(Reminder.objects.filter(kind="welcome").select_related("user"))
        assert len(rows) == n
        with django_assert_num_queries(2):  # the live enrollments, then their courses (each once)
            kind.contexts(reminders=rows)


def test_admin_retry_action_and_search(client, staff_login):
    user = UserFactory(email="findme@example.com", full_name="Findable Person")
    UserFactory(full_name="Hidden Person")
    row = Reminder.objects.create(user=user, kind="welcome", object_key="enrollment:1", period="once", status="failed")
    staff_login(client, StaffFactory())
    response = client.get("/admin/courses/reminder/", {"q": "findme"})
    assert response.status_code == 200 and "Findable Person" in response.content.decode()
    client.post("/admin/courses/reminder/", {"action": "retry", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.status == Reminder.Status.PENDING
