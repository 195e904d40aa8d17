"""Real services for `@pytest.mark.services` tests: an SMTP server and a Celery worker process.

Both fixtures are generic; reuse them in any services test:

    @pytest.mark.services
    @pytest.mark.django_db(transaction=True)
    def test_something(smtp_server, celery_worker_process):
        celery_worker_process(env={"EMAIL_URL": smtp_server.url})
        ...                                   # enqueue work (on_commit runs for real here)
        message = smtp_server.wait_for(lambda m: m["To"] == "a@example.com")

- `smtp_server`: aiosmtpd on 127.0.0.1 at a free port. `.url` is an EMAIL_URL, `.messages`
  the parsed messages (email.message.EmailMessage, with `.envelope_to` and the wire bytes `.raw`), `.refuse(n, code)`
  makes the next n deliveries fail with that SMTP reply (e.g. "451 4.3.0 Try again later"),
  `.attempts` counts deliveries tried (`.refused` of them refused), `.wait_for(predicate, timeout)`
  waits for a message, `.delivered` and `.count_by_message_id()` summarise what was accepted, and
  `.hold_next()` sits on the next delivery until `.release` is set (`.holding` tells it arrived).
  Mail sent by the test process itself goes to it too.
- `celery_worker_process(env=..., queues=..., purge=True, pool="solo", concurrency=1)`: starts
  `python -m celery -A lms worker --pool=solo` with the pytest test database as DATABASE_URL and
  the same REDIS_URL, waits until it is ready, and stops it (whole process group) after the test.
  `purge` empties the queues first so tasks left by an earlier run cannot interfere;
  `.kill(proc)` kills a worker mid-task (SIGKILL: no ack, no cleanup). `wait_for(predicate)` polls.

The test database must be committed for the worker to see rows: use `transaction=True`.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    attempts: int = 0
    refused: int = 0
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _refusals: list[str] = field(default_factory=list)
    _hold_next: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def refuse(self, count: int, code: str = "451 4.3.0 Try again later") -> None:
        """Answer the next `count` deliveries with `code` (4xx: temporary, 5xx: permanent)."""
        with self._lock:
            self._refusals.extend([code] * count)

    def hold_next(self) -> None:
        """Sit on the next delivery (before answering) until `.release` is set; `.holding` is set
        when it arrives. A client that went away meanwhile gets no 250, as from a real server."""
        with self._lock:
            self._hold_next = True

    @property
    def delivered(self) -> list[dict]:
        with self._lock:
            return [
                {"to": m.envelope_to, "message_id": str(m["Message-ID"]), "subject": str(m["Subject"])}
                for m in self.messages
            ]

    def count_by_message_id(self) -> Counter:
        return Counter(d["message_id"] for d in self.delivered)

    def wait_for(
        self, predicate: Callable[[email.message.EmailMessage], bool] = lambda m: True, timeout: float = 30
    ) -> email.message.EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for message in self.messages:
                    if predicate(message):
                        return message
            time.sleep(0.2)
        raise AssertionError(
            f"no matching email within {timeout}s; {self.attempts} attempt(s), received: "
            f"{[(m['To'], m['Subject']) for m in self.messages]}"
        )

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        with self._lock:
            self.attempts += 1
            if self._refusals:
                self.refused += 1
                return self._refusals.pop(0)
            hold, self._hold_next = self._hold_next, False
        if hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            if server.transport is None or server.transport.is_closing():
                return "451 4.4.2 Client gone"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        message.raw = raw  # the bytes as they came over the wire (headers unfolded by nobody)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """The SMTP server; mail sent by this process goes there too (workers get `.url` as EMAIL_URL)."""
    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": server.host, "port": server.port},
        }
    }
    try:
        yield server
    finally:
        server.release.set()
        controller.stop()


def test_database_url() -> str:
    """A DATABASE_URL for the database this test session uses (the pytest test database)."""
    s = connection.settings_dict
    if "postgresql" not in s["ENGINE"]:
        raise RuntimeError("a worker process can only share a PostgreSQL test database")
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


test_database_url.__test__ = False  # not a test, despite the name


def _stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # warm shutdown: finish the current task
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


class CeleryWorkers:
    """Starts real worker processes (`workers(env=..., pool=..., concurrency=...)`), stops them after
    the test, and can kill one mid-task (`workers.kill(proc)`: SIGKILL, no ack, no cleanup)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.started: list[subprocess.Popen] = []

    def __call__(
        self,
        *,
        env: dict[str, str] | None = None,
        queues: str = "celery",
        purge: bool = True,
        pool: str = "solo",
        concurrency: int = 1,
        ready_timeout: float = 90,
    ) -> subprocess.Popen:
        if purge:
            with celery_app.connection_for_write() as conn:
                for queue in queues.split(","):
                    conn.default_channel.queue_purge(queue)
        log_path = self.tmp_path / f"worker-{len(self.started)}.log"
        worker_env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "DJANGO_ENV": "development",
            "VAR_DIR": str(self.tmp_path / "var"),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        worker_env.pop("CELERY_TASK_ALWAYS_EAGER", None)
        command = [
            sys.executable, "-m", "celery", "-A", "lms", "worker", f"--pool={pool}", f"--concurrency={concurrency}",
            "-Q", queues, "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"test-{len(self.started)}-{os.getpid()}@%h",
        ]  # fmt: skip
        with log_path.open("w") as log:
            proc = subprocess.Popen(
                command, cwd=ROOT, env=worker_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        proc.log_path = log_path
        self.started.append(proc)
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"Celery worker exited with {proc.returncode}:\n{log_path.read_text()}")
            if " ready." in log_path.read_text():
                return proc
            time.sleep(0.3)
        _stop(proc)
        raise AssertionError(f"Celery worker not ready after {ready_timeout}s:\n{log_path.read_text()}")

    def kill(self, proc: subprocess.Popen) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.started:
            _stop(proc)
            print(f"--- worker log {proc.log_path} ---\n{proc.log_path.read_text()[-4000:]}")


@pytest.fixture
def celery_worker_process(tmp_path) -> Iterator[CeleryWorkers]:
    workers = CeleryWorkers(tmp_path)
    try:
        yield workers
    finally:
        workers.stop_all()


def wait_for(predicate: Callable[[], object], *, timeout: float = 60, interval: float = 0.2, what: str = "condition"):
    """Poll `predicate` until it returns something true (returned), or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
