"""List headers as the SMTP server receives them: `List-Unsubscribe: <URL>` in plain text on the
wire (it used to arrive RFC 2047-encoded, `=?utf-8?q?=3Chttp…`, useless for one-click unsubscribe),
with List-Unsubscribe-Post, List-Id and Auto-Submitted; for every non-essential kind."""

from __future__ import annotations

import re

import pytest
import redis
from django.conf import settings
from django.core.mail import mailers

from accounts.models import User
from courses.models import Reminder
from courses.reminders.base import all_kinds
from courses.reminders.engine import _message_for
from courses.reminders.tasks import reminders_send_batch_task
from tests.courses.reminders.samples import email_samples
from tests.factories import EnrollmentFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

UNSUBSCRIBE = re.compile(rb"^List-Unsubscribe: <https?://[^>\s]+/email/unsubscribe/[^>\s]+/>\r?$", re.M)


def _assert_list_headers(raw: bytes) -> None:
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?q?=3C" not in head, head.decode()
    assert UNSUBSCRIBE.search(head), head.decode()
    assert re.search(rb"^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$", raw, re.M)
    assert re.search(rb"^List-Id: .+<[a-z0-9-]+\.reminders\.[^>]+>\r?$", raw, re.M)
    assert re.search(rb"^Auto-Submitted: auto-generated\r?$", raw, re.M)


def test_every_non_essential_kind_arrives_with_a_plain_list_unsubscribe(smtp_server):
    user = User(id=7, email="siobhan@example.com", full_name="Siobhán O'Brien", language="en")
    samples = email_samples("Siobhán O'Brien")
    keys = sorted(key for key, kind in all_kinds().items() if not kind.essential)
    messages = []
    for key in keys:
        row = Reminder(id=1000 + len(messages), user=user, email=user.email, kind=key, object_key="x", period="p")
        messages.append(_message_for(row, all_kinds()[key], samples[key]))
    assert mailers.default.send_messages(messages) == len(keys)
    assert len(smtp_server.messages) == len(keys)
    for received in smtp_server.messages:
        _assert_list_headers(received.raw)


def test_worker_sends_welcome_with_plain_list_unsubscribe(smtp_server, celery_worker_process):
    """The real path: a worker claims the outbox row and hands the message to the SMTP server."""
    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    celery_worker_process(env={"EMAIL_URL": smtp_server.url})
    enrollment = EnrollmentFactory()
    row = Reminder.objects.create(
        user=enrollment.user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once"
    )
    reminders_send_batch_task.delay([row.id])
    received = smtp_server.wait_for(lambda m: enrollment.user.email in m.envelope_to, timeout=45)
    _assert_list_headers(received.raw)
