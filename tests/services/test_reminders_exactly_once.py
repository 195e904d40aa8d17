"""Exactly once, against a real Celery worker on Redis, real PostgreSQL and a real SMTP server.

Each test delivers through aiosmtpd and counts what the server accepted, per Message-ID
(every reminder carries a stable `<reminder-<id>@host>`), so a duplicate would show.
"""

from __future__ import annotations

import threading
import time

import pytest
import redis
from django.conf import settings
from django.db import transaction

from courses.models import Reminder
from courses.reminders.tasks import reminders_send_batch_task, reminders_sweep_task
from tests.factories import EnrollmentFactory
from tests.services.conftest import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _welcome_rows(n: int) -> list[Reminder]:
    rows = []
    for _ in range(n):
        e = EnrollmentFactory()
        rows.append(
            Reminder.objects.create(user=e.user, kind="welcome", object_key=f"enrollment:{e.pk}", period="once")
        )
    return rows


def _start_worker(workers, smtp_server, *, fresh: bool = True, **options):
    """A worker with short timeouts (tests/services/_reminder_settings.py) sending to `smtp_server`.
    `fresh` empties this run's Redis database first, so nothing left by another test is delivered."""
    if fresh:
        redis.Redis.from_url(settings.REDIS_URL).flushdb()
    env = {"DJANGO_SETTINGS_MODULE": "tests.services._reminder_settings", "EMAIL_URL": smtp_server.url}
    return workers(env=env, purge=fresh, **options)


def _all_sent(ids) -> bool:
    return Reminder.objects.filter(id__in=list(ids), status=Reminder.Status.SENT).count() == len(list(ids))


def test_exactly_once_same_sweep_twice_at_once(smtp_server, celery_worker_process):
    # Five participants who just enrolled: the welcome kind finds them due.
    enrollments = [EnrollmentFactory() for _ in range(5)]
    _start_worker(celery_worker_process, smtp_server, pool="threads", concurrency=4)
    # Two sweeps at the same moment: one in the worker twice over, one in this process.
    reminders_sweep_task.delay()
    reminders_sweep_task.delay()
    thread = threading.Thread(target=lambda: [reminders_sweep_task.delay() for _ in range(2)])
    thread.start()
    thread.join()
    wait_for(lambda: Reminder.objects.filter(kind="welcome").count() == 5, what="rows")
    wait_for(lambda: _all_sent(Reminder.objects.filter(kind="welcome").values_list("id", flat=True)), what="sent")
    time.sleep(3)  # let any duplicate that would arrive arrive
    counts = smtp_server.count_by_message_id()
    assert len(counts) == 5 and set(counts.values()) == {1}
    assert sorted(to for d in smtp_server.delivered for to in d["to"]) == sorted(e.user.email for e in enrollments)
    assert Reminder.objects.filter(kind="welcome").count() == 5


def test_exactly_once_worker_killed_during_send_is_redelivered(smtp_server, celery_worker_process):
    (row,) = _welcome_rows(1)
    smtp_server.hold_next()  # the server sits on the first DATA until released
    first = _start_worker(celery_worker_process, smtp_server)
    reminders_send_batch_task.delay([row.id])
    assert smtp_server.holding.wait(timeout=60), "the worker never reached the SMTP server"
    row.refresh_from_db()
    assert row.status == Reminder.Status.SENDING
    celery_worker_process.kill(first)  # SIGKILL mid-send: no ack, no status update
    smtp_server.release.set()
    time.sleep(0.5)
    assert smtp_server.delivered == []  # the killed send never completed
    _start_worker(celery_worker_process, smtp_server, fresh=False)  # the broker redelivers the unacked message
    wait_for(lambda: _all_sent([row.id]), timeout=90, what="redelivered send")
    time.sleep(3)
    assert smtp_server.count_by_message_id() == {f"<reminder-{row.id}@127.0.0.1>": 1}
    row.refresh_from_db()
    assert row.attempts == 2


def test_exactly_once_smtp_refuses_first_two_attempts(smtp_server, celery_worker_process):
    (row,) = _welcome_rows(1)
    smtp_server.refuse(2)
    _start_worker(celery_worker_process, smtp_server)
    reminders_send_batch_task.delay([row.id])
    wait_for(lambda: _all_sent([row.id]), timeout=90, what="send after two refusals")
    time.sleep(2)
    assert smtp_server.refused == 2
    assert len(smtp_server.delivered) == 1
    row.refresh_from_db()
    assert row.attempts == 3 and row.status == Reminder.Status.SENT


def test_exactly_once_rolled_back_transaction_sends_nothing(smtp_server, celery_worker_process):
    _start_worker(celery_worker_process, smtp_server)
    enrollment = EnrollmentFactory()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            row = Reminder.objects.create(
                user=enrollment.user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once"
            )
            reminders_send_batch_task.delay_on_commit([row.id])  # dropped with the transaction
            reminders_send_batch_task.delay([row.id])  # even sent right away, it finds no row
            raise RuntimeError("roll back")
    assert not Reminder.objects.exists()
    # A sentinel enqueued after proves the worker was running while the others were dropped.
    (sentinel,) = _welcome_rows(1)
    reminders_send_batch_task.delay([sentinel.id])
    wait_for(lambda: _all_sent([sentinel.id]), timeout=60, what="sentinel")
    time.sleep(2)
    assert [d["to"] for d in smtp_server.delivered] == [[sentinel.user.email]]
