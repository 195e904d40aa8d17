"""Profile one `make bench` page, with production settings (DEBUG off).

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python tools/bench/profile_page.py "lesson page" [N]
    DATABASE_URL=sqlite:////tmp/large.sqlite3 python tools/bench/profile_page.py --large "org dashboard" [N]

The page is one of `tools/bench/pages.py` ("lesson page", "course page", "org dashboard", "org CSV
export", "trainer analytics", ...), read N times (default 200) through the test Client by the
user `make bench` reads it as.

- Small size: a seeded demo database (`manage.py migrate && manage.py seed_demo`).
- `--large`: the benchmark's large data set. Built into the database on the first run (a
  minute or two: migrate, then `tools/bench/data.build()` and `pages.build_extra()`), reused
  after that. Use a database of its own: it is never cleaned up.

Prints the SQL queries of one warm request with their time, the requests per CPU second of the
page and of the minimal `/ping` view measured in the same run (their ratio is what carries over
between machines), and pyinstrument's top frames by share of the time.
"""

from __future__ import annotations

import argparse
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

from accounts.models import Organization, User  # noqa: E402
from courses.models import Course  # noqa: E402
from tools.bench import data as bench_data  # noqa: E402
from tools.bench import pages  # noqa: E402


def _large_context() -> dict:
    """The large data set's context, built on the first run and read back after that."""
    call_command("migrate", verbosity=0)
    if not Course.objects.filter(slug="bench-course-1").exists():
        built = bench_data.build()
        pages.build_extra(built)
        bench_data.vacuum_analyze()
        return pages.large_context(built)
    built = bench_data.BenchData(
        courses=list(Course.objects.filter(slug__startswith="bench-course-").order_by("slug")),
        trainer=User.objects.get(email="bench-trainer@example.com"),
        participant=User.objects.filter(email__startswith="bench", is_trainer=False).order_by("id").first(),
        big_org=Organization.objects.get(slug="bench-org-1"),
        org_admin=User.objects.get(email="bench-orgadmin@example.com"),
    )
    return pages.large_context(built)


def _consume(response) -> None:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def _rps(client: Client, path: str, n: int) -> float:
    """Requests per second of this process's CPU time (less sensitive to a busy machine than the wall clock)."""
    started = time.process_time()
    for _ in range(n):
        _consume(client.get(path))
    return n / (time.process_time() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="lesson page", choices=[p.name for p in pages.PAGES])
    parser.add_argument("n", nargs="?", type=int, default=200)
    parser.add_argument("--large", action="store_true", help="the large data set (built on the first run)")
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)  # production names static files from a manifest
    page = next(p for p in pages.PAGES if p.name == args.page)
    path, user = page.large(_large_context()) if args.large else page.small(pages.small_context())
    client = Client()
    if user is not None:
        client.force_login(user)
    _consume(client.get(path))  # warm: caches, templates, the session
    with CaptureQueriesContext(connection) as ctx:
        _consume(client.get(path))
    print(f"== {len(ctx.captured_queries)} queries for {path}")
    for q in ctx.captured_queries:
        print(f"  {q['time']:>6}s  {q['sql'][:230]}")
    ping = Client()
    ping_rps, page_rps = _rps(ping, "/ping", args.n), _rps(client, path, args.n)
    print(
        f"== test Client, {args.n} requests: /ping {ping_rps:.0f}/s, page {page_rps:.0f}/s, "
        f"ratio {page_rps / ping_rps:.3f}, {1000 / page_rps:.1f} ms CPU per page"
    )
    profiler = Profiler(interval=0.0005)
    with profiler:
        _rps(client, path, args.n)
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
