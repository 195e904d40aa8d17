"""A real SMTP server (aiosmtpd) and real Celery workers for the reminder service tests.

Minimal on purpose; the shared services fixtures may replace these.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    """Accepts mail and records it; can refuse the first N DATA commands or hold the first one.

    A message counts as delivered only if the client is still there to receive the 250:
    aiosmtpd cancels this coroutine when the connection is lost, so a held message whose
    client was killed is never recorded (as a real MTA would not take responsibility for it).
    """

    def __init__(self) -> None:
        self.delivered: list[dict] = []
        self.refuse_first = 0
        self.refused = 0
        self.hold_first = False
        self.holding = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refused < self.refuse_first:
                self.refused += 1
                return "451 4.3.0 Try again later"
            hold = self.hold_first
            self.hold_first = False
        if hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            if server.transport is None or server.transport.is_closing():
                return "451 4.4.2 Client gone"
        msg = message_from_bytes(envelope.content)
        with self.lock:
            self.delivered.append(
                {"to": list(envelope.rcpt_tos), "message_id": msg["Message-ID"], "subject": msg["Subject"]}
            )
        return "250 OK"

    def count_by_message_id(self) -> Counter:
        with self.lock:
            return Counter(d["message_id"] for d in self.delivered)


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    handler.port = port
    try:
        yield handler
    finally:
        handler.release.set()
        controller.stop()


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path, smtp_port: int) -> None:
        self.tmp_path = tmp_path
        self.smtp_port = smtp_port
        self.procs: list[subprocess.Popen] = []

    def start(self, *, pool: str = "solo", concurrency: int = 1, timeout: float = 90) -> subprocess.Popen:
        log = self.tmp_path / f"worker-{len(self.procs)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.services._reminder_settings",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "CELERY_TASK_ALWAYS_EAGER": "0",
        }
        cmd = [
            sys.executable, "-m", "celery", "-A", "lms", "worker", "--loglevel=INFO",
            f"--pool={pool}", f"--concurrency={concurrency}", "--without-gossip", "--without-mingle",
            "--without-heartbeat", "-n", f"reminders-test-{len(self.procs)}-{os.getpid()}@%h",
        ]  # fmt: skip
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
        proc.log = log
        self.procs.append(proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited: {log.read_text()[-3000:]}")
            if " ready." in log.read_text():
                return proc
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready: {log.read_text()[-3000:]}")

    def kill(self, proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.fixture
def celery_workers(tmp_path, smtp_server):
    import redis

    redis.Redis.from_url(settings.REDIS_URL).flushdb()  # this engineer's own db number only
    workers = Workers(tmp_path, smtp_server.port)
    try:
        yield workers
    finally:
        workers.stop_all()


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")
