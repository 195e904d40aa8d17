"""Benchmark (not a test): reminders per second through a local SMTP sink, and certificates.

    python manage.py bench_reminders [--count 10000] [--certificates 50]

Runs in a throwaway test database (created and destroyed here, your data is untouched) and
an aiosmtpd sink in a subprocess. It measures, in the same run:
  1. the engine: sweep (find_due + bulk insert of `count` due welcome reminders) and sending
     them in batches of 100, each batch claimed, rendered (text + HTML, recipient's language)
     and sent over one SMTP connection — the body of reminders_send_batch_task, minus the broker;
  2. raw Django: the SAME emails (subject, text, HTML and headers as the engine rendered them,
     as plain EmailMultiAlternatives built before the clock starts) through send_messages over
     ONE reused connection: what the engine adds (claim, render, record) is the difference.
     For continuity it also times the older baseline, `count` one-line "Hello" messages: a
     6 KB email costs the SMTP server (and the sink) more than a 0.5 KB one whoever sends it,
     so that ratio (`ratio_small_raw`) measures the message size as much as the engine.
     Engine and raw take turns batch by batch (the load of a shared machine drifts);
  3. certificates: issue + WeasyPrint PDF, per second and p95 milliseconds per certificate.

`worker_rss_mb` is the peak resident memory of the work a Celery worker does here (sweep, send,
certificates; `worker_rss` also has the peak and the RSS right after the sweep): the process's
high-water mark is reset (Linux /proc/self/clear_refs) after the benchmark's own data set-up,
so the 10,000 users it inserts do not count. Raw messages are built and sent 100 at a time, so
the baselines do not hold 10,000 messages either.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json as jsonlib
import logging
import resource
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.core.mail import EmailMultiAlternatives, mailers
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from courses.certificates.services import certificate_issue, certificate_pdf_store
from courses.learning.models import Course, Enrollment
from courses.reminders import engine
from courses.reminders.base import all_kinds
from courses.reminders.models import Reminder

CHUNK = 1000


def rss_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last peak_reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def peak_reset() -> None:
    """Start the peak (VmHWM) again from the current RSS (Linux 4.0+).

    First the set-up's garbage goes back to the system (glibc's `malloc_trim`): a worker never
    builds 10,000 users and a test database, and what that left free in this process's heap
    (about 15 MB, measured for issue 18) is not the worker's memory. What the set-up still holds
    stays counted, so the figure errs on the high side."""
    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the peak then includes the set-up's free heap too
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # elsewhere the peak includes the set-up


def same_messages(ids: list[int]) -> list[EmailMultiAlternatives]:
    """The emails the engine sent for these rows, as plain Django messages."""
    rows = list(Reminder.objects.filter(id__in=ids).select_related("user").order_by("id"))
    kind = all_kinds()["welcome"]
    contexts = kind.contexts(reminders=rows)
    messages = []
    for row in rows:
        site_email = engine._message_for(row, kind, contexts[row.id])
        message = EmailMultiAlternatives(
            subject=site_email.subject,
            body=site_email.body,
            from_email=site_email.from_email,
            to=site_email.to,
            headers=site_email.extra_headers,
        )
        for alternative in site_email.alternatives:
            message.attach_alternative(alternative.content, alternative.mimetype)
        messages.append(message)
    return messages


def small_messages(ids: list[int]) -> list[EmailMultiAlternatives]:
    """The older baseline: a one-line message per row."""
    messages = []
    for i in ids:
        m = EmailMultiAlternatives(
            subject=f"Raw {i}", body="Hello", from_email="a@example.com", to=[f"raw{i}@example.com"]
        )
        m.attach_alternative("<p>Hello</p>", "text/html")
        messages.append(m)
    return messages


class RawSender:
    """Raw Django: send_messages over ONE connection kept open; each batch's messages are built
    before its clock starts."""

    def __init__(self, build) -> None:
        self.build, self.seconds, self.accepted = build, 0.0, 0
        self.mailer = mailers.default  # a connection of its own (each access creates one)
        self.mailer.open()

    def send(self, ids: list[int]) -> None:
        messages = self.build(ids)
        start = time.perf_counter()
        self.accepted += self.mailer.send_messages(messages)
        self.seconds += time.perf_counter() - start

    def close(self) -> None:
        self.mailer.close()


class Command(BaseCommand):
    help = "Benchmark the reminder engine against raw send_messages, and certificate rendering."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--certificates", type=int, default=50)
        parser.add_argument("--json", default="", help="Also write the figures to this JSON file.")

    def handle(self, *args, count: int, certificates: int, json: str = "", **options):
        self.results: dict = {}
        self.rss: dict = {}
        # The sink runs in its own process, so it does not compete with the sender for the GIL.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        sink = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        old_name = connection.settings_dict["NAME"]
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            with override_settings(
                MAILERS={
                    "default": {
                        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                        "OPTIONS": {"host": "127.0.0.1", "port": port},
                    }
                },
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ):
                self.stdout.write(f"database: {test_db} ({connection.vendor}); SMTP sink on port {port}")
                self._bench_reminders(count)
                self._bench_certificates(certificates)
        finally:
            sink.terminate()
            sink.wait(timeout=10)
            connection.creation.destroy_test_db(old_name, verbosity=0)
        # Peak memory of the worker's work in this process (sweep, send, certificates): see the docstring.
        self.results["worker_rss_mb"] = rss_mb("VmHWM")
        self.results["worker_rss"] = {**self.rss, "peak_mb": self.results["worker_rss_mb"]}
        self.stdout.write(f"worker memory   : {self.results['worker_rss']}")
        if json:
            Path(json).write_text(jsonlib.dumps(self.results, indent=2))

    def _bench_reminders(self, count: int) -> None:
        course = Course.objects.create(title="Bench course", slug="bench", summary="x", status="published")
        now, users = timezone.now(), []
        for first in range(0, count, CHUNK):  # in chunks: the set-up should not be what the memory shows
            users = User.objects.bulk_create(
                [
                    User(email=f"bench{i}@example.com", full_name=f"Bench {i}", password="!")
                    for i in range(first, min(count, first + CHUNK))
                ]
            )
            Enrollment.objects.bulk_create(
                [Enrollment(user_id=u.pk, course=course, enrolled_at=now, last_activity_at=now) for u in users]
            )
        del users
        peak_reset()

        # The machine's load drifts over a minute: engine and raw take turns, batch by batch, so
        # both see the same conditions. Each raw mailer keeps ONE connection open throughout.
        same, small = RawSender(same_messages), RawSender(small_messages)
        start = time.perf_counter()
        result = engine.reminders_sweep()
        sweep_seconds = engine_seconds = time.perf_counter() - start
        try:
            for ids in result.batches:
                start = time.perf_counter()
                engine.reminders_send_batch(ids=ids)
                engine_seconds += time.perf_counter() - start
                same.send(ids)
                small.send(ids)
        finally:
            same.close()
            small.close()
        sent = Reminder.objects.filter(status=Reminder.Status.SENT).count()
        assert sent == count == same.accepted == small.accepted, (sent, count, same.accepted, small.accepted)
        self.rss["after_sweep_mb"] = rss_mb("VmRSS")
        self.rss["sweep_peak_mb"] = rss_mb("VmHWM")
        same_seconds, small_seconds = same.seconds, small.seconds
        engine_rate, same_rate, small_rate = count / engine_seconds, count / same_seconds, count / small_seconds
        self.stdout.write(
            f"reminder engine : {count} messages in {engine_seconds:6.2f}s = {engine_rate:7.0f} msg/s "
            f"(sweep: find_due + insert {sweep_seconds:.2f}s)"
        )
        self.stdout.write(f"raw send_messages, same emails: {same_seconds:6.2f}s = {same_rate:7.0f} msg/s")
        self.stdout.write(f"raw send_messages, 'Hello'    : {small_seconds:6.2f}s = {small_rate:7.0f} msg/s")
        self.stdout.write(
            f"ratio engine/raw: {engine_rate / same_rate:.2f} (same emails), {engine_rate / small_rate:.2f} ('Hello')"
        )
        self.results["reminders"] = {
            "per_s": round(engine_rate, 1),
            "raw_per_s": round(same_rate, 1),
            "ratio": round(engine_rate / same_rate, 3),
            "raw_small_per_s": round(small_rate, 1),
            "ratio_small_raw": round(engine_rate / small_rate, 3),
            "count": count,
        }

    def _bench_certificates(self, n: int) -> None:

        if n < 2:
            return
        course = Course.objects.create(title="Coaching Sales Professionals", slug="bench-cert", summary="x")
        trainer = User.objects.create(email="trainer@example.com", full_name="Tessa Trainer", is_trainer=True)
        course.trainers.add(trainer)
        now = timezone.now()
        users = User.objects.bulk_create(
            [User(email=f"cert{i}@example.com", full_name=f"Participant {i}", password="!") for i in range(n)]
        )
        enrollments = Enrollment.objects.bulk_create(
            [Enrollment(user=u, course=course, status="completed", completed_at=now) for u in users]
        )
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        # One warm-up certificate (font loading) outside the measurement.
        warm, *enrollments = enrollments
        certificate_pdf_store(certificate=certificate_issue(enrollment=warm)[0])
        timings = []
        start = time.perf_counter()
        for e in enrollments:
            t0 = time.perf_counter()
            cert, _created = certificate_issue(enrollment=e)
            certificate_pdf_store(certificate=cert)
            timings.append((time.perf_counter() - t0) * 1000)
        total = time.perf_counter() - start
        p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1] if len(timings) >= 2 else timings[0]
        self.results["certificates"] = {
            "per_s": round(len(enrollments) / total, 2),
            "p95_ms": round(p95, 1),
            "median_ms": round(statistics.median(timings), 1),
            "count": len(enrollments),
        }
        self.stdout.write(
            f"certificates    : {len(enrollments)} PDFs in {total:6.2f}s = {len(enrollments) / total:5.1f}/s, "
            f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms"
        )
