"""A scratch copy of the site for `make screenshots`: its own folder, database and mail under
var/screenshots/site/ (never the developer's var/db.sqlite3), demo data, and `runserver` with
DEBUG on, so development-only pages such as /dev/mail/ exist.

`scratch_environ()` must run before Django is set up: the settings read these variables.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "screenshots"
SITE_DIR = OUT / "site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_environ(port: int) -> dict[str, str]:
    """The environment of this process and of its server: one scratch folder, one secret (the
    signed check-in link made here must be valid there), DEBUG on, no services."""
    site_url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    # Set, not removed, so a value in the project's .env cannot come back for any of them.
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings",
        DJANGO_ENV="development",
        DEBUG="true",
        VAR_DIR=str(SITE_DIR),
        DATABASE_URL=f"sqlite:///{SITE_DIR / 'db.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(SITE_DIR / "private"),
        REDIS_URL="",  # local memory cache, sessions in the database
        EMAIL_URL="",  # mail to files in the scratch folder
        SITE_URL=site_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=site_url,
        SECRET_KEY=secrets.token_urlsafe(64),
        # No worker runs here: whatever a request enqueues runs in the request.
        CELERY_TASK_ALWAYS_EAGER="true",
        LOG_LEVEL="WARNING",  # the server log keeps requests; this output keeps to the list of files
    )
    return env


def reset_folder() -> None:
    """A fresh scratch site (the caller clears its own screenshot folder)."""
    shutil.rmtree(SITE_DIR, ignore_errors=True)
    (SITE_DIR / "mail").mkdir(parents=True)


class Server:
    """`manage.py runserver` on the scratch site, in its own process group, logging to a file."""

    def __init__(self, port: int, env: dict[str, str]):
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = SITE_DIR / "server.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"runserver exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/ping", timeout=2):  # noqa: S310 (our own server)
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"runserver did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
