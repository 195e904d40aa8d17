"""Run the web server, a Celery worker and Celery beat in the foreground; Ctrl-C stops all three."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from courses.demo.exercises import EXTRA_PARTICIPANTS
from courses.demo.organizations import ADMIN_EMAIL, MEMBERS, ORG_NAME
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
        parser.add_argument("--addrport", default=f"127.0.0.1:{settings.PORT}")

    def handle(self, *args, addrport: str, **options) -> None:
        commands = _commands(addrport)
        procs: dict[str, subprocess.Popen] = {}
        # Each child leads its own process group, so stopping it also stops its children
        # (runserver's autoreloader, Celery's pool).
        for name, cmd in commands.items():
            procs[name] = subprocess.Popen(cmd, cwd=settings.BASE_DIR, start_new_session=True)
        self.stdout.write(self.style.SUCCESS(f"\nThe site runs at http://{addrport}/  (Ctrl-C stops everything)"))
        self.stdout.write(banner(addrport))

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


ROLES = {
    "participant": "participant, enrolled with progress and a follow-up plan",
    "trainer": "trainer: studio, review queue, cohorts",
    "staff": "staff: admin and studio; sets up an authenticator app (TOTP) at first login",
}


def banner(addrport: str) -> str:
    """What `make run` prints under the address: where mail goes, and every demo login."""
    site = f"http://{addrport}"
    lines = []
    if settings.EMAIL_URL:
        lines.append("Mail is sent through EMAIL_URL.")
    else:
        lines.append(f"Mail the site sends: {site}/dev/mail/  (files in {settings.EMAIL_FILE_DIR}/)")
    if settings.SITE_URL != site and not settings.SITE_URL.endswith(f":{addrport.rsplit(':', 1)[-1]}"):
        lines.append(f"Note: links in mail use SITE_URL={settings.SITE_URL}")
    lines += ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {demo.email:<32} {ROLES.get(demo.key, demo.key)}" for demo in DEMO_USERS]
    lines.append(f"  {ADMIN_EMAIL:<32} organization admin of {ORG_NAME}")
    lines += [f"  {email:<32} participant ({name}), with practice work to review" for email, name in EXTRA_PARTICIPANTS]
    lines.append(f"  {MEMBERS[0][0]:<32} and {len(MEMBERS) - 1} more {ORG_NAME} team members (…@acme.example.com)")
    return "\n".join(lines) + "\n"


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
