"""Recording accepted messages a few per UPDATE (courses.reminders.outbox.SentMarks), and the
shared parsed headers that make each message cheaper to build (lms.email.SiteHeaderRegistry)."""

from __future__ import annotations

import email.policy
import math

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Reminder
from courses.reminders import engine, outbox
from lms.email import HEADERS, SiteEmail
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _welcome_rows(n: int) -> list[Reminder]:
    rows = []
    for enrollment in EnrollmentFactory.create_batch(n):
        rows.append(
            Reminder.objects.create(
                user=enrollment.user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once"
            )
        )
    return rows


def _sent_updates(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith("UPDATE") and "'sent'" in q["sql"])


@pytest.mark.parametrize("n", [3, 25])
def test_send_batch_records_sent_rows_a_few_per_update(n, monkeypatch):
    """One UPDATE per MARK_EVERY accepted messages, not one (in its own transaction) per message:
    the old engine made n UPDATEs here, and this fails on it for n=25."""
    monkeypatch.setattr(outbox, "MARK_WITHIN", 3600)  # count-based only, whatever the machine's speed
    rows = _welcome_rows(n)
    with CaptureQueriesContext(connection) as ctx:
        result = engine.reminders_send_batch(ids=[r.id for r in rows])
    assert sorted(result.sent) == sorted(r.id for r in rows)
    assert _sent_updates(ctx.captured_queries) == math.ceil(n / outbox.MARK_EVERY)
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == n
    assert len(mail.outbox) == n


def test_accepted_messages_are_recorded_when_the_send_loop_blows_up(monkeypatch):
    """An unexpected error after some messages were accepted (here the 4th send) still records
    the accepted ones (the `finally` flush), and leaves the rest claimed for a later reclaim."""
    monkeypatch.setattr(outbox, "MARK_WITHIN", 3600)
    rows = _welcome_rows(6)
    calls = []
    real = EmailBackend.send_messages

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("worker trouble")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with pytest.raises(RuntimeError):
        engine.reminders_send_batch(ids=[r.id for r in rows])
    statuses = dict(Reminder.objects.values_list("id", "status"))
    assert [statuses[r.id] for r in rows] == ["sent"] * 3 + ["sending"] * 3
    assert len(mail.outbox) == 3


def test_slow_server_records_every_message_at_once(monkeypatch):
    """When sends are slower than MARK_WITHIN, each accepted message is recorded right away (the
    window is then one message, as before)."""
    monkeypatch.setattr(outbox, "MARK_WITHIN", 0)
    rows = _welcome_rows(3)
    with CaptureQueriesContext(connection) as ctx:
        engine.reminders_send_batch(ids=[r.id for r in rows])
    assert _sent_updates(ctx.captured_queries) == 3


def test_shared_headers_are_reused_and_messages_stay_distinct():
    """Recurring headers (From, content types, List-Id) are parsed once and shared; per-recipient
    headers and multipart boundaries are not, and each message still reads as its own."""
    first, second = (
        SiteEmail(
            subject=f"Hello {i}",
            body="Text",
            from_email="Site <noreply@example.com>",
            to=[f"p{i}@example.com"],
            headers={"List-Id": "Site <welcome.example.com>", "Message-ID": f"<reminder-{i}@example.com>"},
        )
        for i in (1, 2)
    )
    for m in (first, second):
        m.attach_alternative("<p>Html</p>", "text/html")
    one, two = first.message(policy=email.policy.SMTP), second.message(policy=email.policy.SMTP)
    assert one["From"] is two["From"] and one["List-Id"] is two["List-Id"]
    assert one["To"] is not two["To"] and one["Message-ID"] is not two["Message-ID"]
    raw_one, raw_two = one.as_bytes(), two.as_bytes()
    assert b"To: p1@example.com" in raw_one and b"To: p2@example.com" in raw_two
    assert one.get_boundary() != two.get_boundary()
    assert not any("boundary=" in value for (_name, value) in HEADERS.shared)
    assert all(name.lower() not in {"to", "subject", "message-id", "date"} for (name, _value) in HEADERS.shared)
