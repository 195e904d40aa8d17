"""Profile one page as a logged-in participant, with production settings (DEBUG off).

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python tools/bench/profile_page.py [lesson|course] [N]

Runs on a seeded demo database (`manage.py seed_demo`): the first lesson of the demo course
(or its course page), read N times (default 200) through the test Client by the demo
participant. Prints the SQL queries of one warm request with their time, the requests per CPU
second of the page and of the minimal `/ping` view measured in the same run (their ratio is
what carries over between machines), and pyinstrument's top frames by share of the time.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from accounts.models import User  # noqa: E402
from courses.models import Course, Lesson  # noqa: E402


def _path(kind: str) -> str:
    course = Course.objects.get(slug="coaching-sales-professionals")
    if kind == "course":
        return course.get_absolute_url()
    return Lesson.objects.filter(course=course).order_by("module__position", "position").first().get_absolute_url()


def _rps(client: Client, path: str, n: int) -> float:
    """Requests per second of this process's CPU time (less sensitive to a busy machine than the wall clock)."""
    started = time.process_time()
    for _ in range(n):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return n / (time.process_time() - started)


def main() -> int:
    kind = sys.argv[1] if len(sys.argv) > 1 else "lesson"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    call_command("collectstatic", "--noinput", verbosity=0)  # production names static files from a manifest
    path = _path(kind)
    client = Client()
    client.force_login(User.objects.get(email="participant@example.com"))
    client.get(path)  # warm: caches, templates, the session
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    print(f"== {len(ctx.captured_queries)} queries for {path}")
    for q in ctx.captured_queries:
        print(f"  {q['time']:>6}s  {q['sql'][:230]}")
    ping = Client()
    ping_rps, page_rps = _rps(ping, "/ping", n), _rps(client, path, n)
    print(
        f"== test Client, {n} requests: /ping {ping_rps:.0f}/s, page {page_rps:.0f}/s, ratio {page_rps / ping_rps:.3f}"
    )
    profiler = Profiler(interval=0.0005)
    with profiler:
        _rps(client, path, n)
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
