"""Run the web server, a Celery worker and Celery beat in the foreground; Ctrl-C stops all three."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from courses.demo.seed import DEMO_PASSWORD, DEMO_USERS


def _commands(addrport: str) -> dict[str, list[str]]:
    """The three processes of the embedded stack."""
    python = sys.executable
    manage = str(settings.BASE_DIR / "manage.py")
    return {
        "web": [python, manage, "runserver", addrport],
        "worker": [python, "-m", "celery", "-A", "lms", "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [
            python,
            "-m",
            "celery",
            "-A",
            "lms",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            settings.CELERY_BEAT_SCHEDULE_FILENAME,
        ],
    }


class Command(BaseCommand):
    help = "Start runserver, a Celery worker and Celery beat together (used by `make run`)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        commands = _commands(addrport)
        procs: dict[str, subprocess.Popen] = {}
        # Each child leads its own process group, so stopping it also stops its children
        # (runserver's autoreloader, Celery's pool).
        for name, cmd in commands.items():
            procs[name] = subprocess.Popen(cmd, cwd=settings.BASE_DIR, start_new_session=True)
        self.stdout.write(self.style.SUCCESS(f"\nThe site runs at http://{addrport}/  (Ctrl-C stops everything)"))
        self.stdout.write(_demo_logins())
        self.stdout.write(f"Emails are written to {settings.EMAIL_FILE_DIR}/\n" if not settings.EMAIL_URL else "")

        stopping = False

        def stop(signum=None, frame=None) -> None:
            nonlocal stopping
            if stopping:
                return
            stopping = True
            self.stdout.write("\nStopping web, worker and beat…")
            for name, proc in procs.items():
                if name == "worker":
                    # Celery's warm shutdown stops its own pool; signalling the pool directly
                    # makes the worker report lost processes and wait for them.
                    proc.send_signal(signal.SIGTERM)
                else:
                    _signal_group(proc, signal.SIGTERM)
            deadline = time.monotonic() + 15
            for proc in procs.values():
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    _signal_group(proc, signal.SIGKILL)
                    proc.wait()
            for proc in procs.values():
                _signal_group(proc, signal.SIGKILL)  # stragglers in a group whose leader is gone

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, proc in procs.items():
                    if proc.poll() is not None:
                        self.stderr.write(f"{name} exited with code {proc.returncode}; stopping the rest.")
                        stop()
                        break
                time.sleep(0.5)
        finally:
            stop()
        self.stdout.write("Stopped.")


def _demo_logins() -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {demo.key:<12} {demo.email}" for demo in DEMO_USERS]
    return "\n".join(lines)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
