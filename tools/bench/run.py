"""`make bench`: query counts at two sizes, throughput/latency under gunicorn, reminders,
certificates and memory. Writes var/bench/report.json and prints a table.

Run through the Makefile, which points DATABASE_URL at a separate benchmark database
(var/bench/bench.sqlite3, or <name>_bench on PostgreSQL) so development data is never touched.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
# One secret for this process and gunicorn, so the sessions made here are valid there.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import check_password, get_hasher, make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from courses.models import Lesson  # noqa: E402
from tools.bench import data as bench_data  # noqa: E402
from tools.bench import pages, weight  # noqa: E402
from tools.bench import report as bench_report  # noqa: E402
from tools.bench.load import LoadResult, merged, run_paired  # noqa: E402
from tools.bench.production import production_env  # noqa: E402
from tools.bench.rush import Participant, run_rush  # noqa: E402
from tools.screenshots import pages as key_pages  # noqa: E402

REPORT = ROOT / "var" / "bench" / "report.json"


def _pages() -> list:
    return pages.PAGES


def query_count(path: str, user) -> tuple[int, int]:
    client = Client()
    if user is not None:
        client.force_login(user)
    _consume(client.get(path))  # warm caches (sessions, cached outlines) so both sizes are measured alike
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        _consume(response)  # a streamed response runs its queries while it is read
    return len(ctx.captured_queries), response.status_code


def _consume(response) -> None:
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass


def session_cookie_for(user) -> str:
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    env = production_env(f"http://127.0.0.1:{port}")
    # Production serves hashed static names from a manifest: build it first.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lms.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    import http.client

    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/ping")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def worker_rss_mb(master: subprocess.Popen) -> dict[str, float]:
    """The largest gunicorn worker's memory: now (after the load) and its peak.

    The peak includes Argon2id's 19 MiB of working memory while it checks a password (the rush
    logs 200 people in; lms/hashers.py), which the hasher hands back as soon as the check ends."""
    rss = peak = 0.0
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    pids = children.read_text().split() if children.exists() else []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = max(rss, int(line.split()[1]) / 1024)
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return {"gunicorn_worker_rss_mb": round(rss, 1), "gunicorn_worker_peak_rss_mb": round(peak, 1)}


def _machine() -> dict:
    return bench_report.machine(connection.vendor, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])


def _rush_participants(built) -> list[Participant]:
    """The cohort that starts today: each opens its course and the course's first lesson."""
    course = built.cohort.course
    lesson = Lesson.objects.filter(course=course).order_by("module__position", "position").first()
    complete = reverse("courses:lesson_complete", kwargs={"course_slug": course.slug, "lesson_slug": lesson.slug})
    return [
        Participant(email, bench_data.BENCH_PASSWORD, course.get_absolute_url(), lesson.get_absolute_url(), complete)
        for email in built.cohort_emails
    ]


def _weight_pages() -> list[tuple[str, str, str | None]]:
    """The key pages of the demo (tools/screenshots/pages.py), with a session for those that need a login."""
    names = ("home", "course", "catalog", "for-organizations", "lesson", "my-learning")
    result = []
    for name in names:
        page = key_pages.page_named(name)
        user = User.objects.get(email=key_pages.LOGINS[page.role]) if page.role else None
        result.append((name, page.locate(), session_cookie_for(user) if user else None))
    return result


def _query_counts(small_counts: dict, large_ctx) -> list[dict]:
    """Each page's query count on the small (demo) and the large data set: they must be equal."""
    results = []
    for page in _pages():
        q_large, status = query_count(*page.large(large_ctx))
        q_small, _small_status = small_counts[page.name]
        results.append(
            {
                "name": page.name,
                "queries_small": q_small,
                "queries_large": q_large,
                "status": status,
                "grew": q_large > q_small,
            }
        )
    reset_queries()
    connection.close()
    return results


def _hasher_cost(*, workers: int) -> dict:
    """CPU per password check with the production hasher, and the logins per minute that allows."""
    hasher = get_hasher()
    encoded = make_password(bench_data.BENCH_PASSWORD)
    started = time.process_time()
    check_password(bench_data.BENCH_PASSWORD, encoded)
    cpu = time.process_time() - started
    return {
        "algorithm": hasher.algorithm,
        "iterations": getattr(hasher, "iterations", None),
        "cpu_ms_per_check": round(cpu * 1000, 1),
        "max_logins_per_minute": round(workers * 60 / cpu) if cpu else None,
    }


def _rush_and_weight(report: dict, port: int, rush: list[Participant], weight_pages: list) -> None:
    print(f"== cohort-start rush: {len(rush)} participants log in and start within 60 s")
    report["rush"] = run_rush(host="127.0.0.1", port=port, participants=rush).summary()
    report["rush"]["hasher"] = _hasher_cost(workers=2)
    print("== page weight (Chromium, first and repeat load)")
    if not Path(weight.CHROMIUM).exists():
        print(f"   skipped: no Chromium at {weight.CHROMIUM} (apt-get install chromium)")
        return
    report["page_weight"] = weight.measure(f"http://127.0.0.1:{port}", weight_pages)


def _load(report: dict, results: list[dict], large_ctx, *, requests_per_page: int, concurrency: int) -> None:
    """Every page under gunicorn, against the minimal view measured around it (`load.run_paired`)."""
    port = free_port()
    proc = start_gunicorn(port)
    rush, weight_pages = large_ctx["rush"], large_ctx["weight_pages"]
    try:
        baselines: list[LoadResult] = []
        for page, row in zip(_pages(), results, strict=True):
            path, user = page.large(large_ctx)
            headers = {"Cookie": session_cookie_for(user)} if user is not None else {}
            res, around, ratio = run_paired(
                host="127.0.0.1",
                port=port,
                path=path,
                headers=headers,
                total=requests_per_page,
                concurrency=concurrency,
            )
            baselines.extend(around)
            row.update(
                {
                    "rps": round(res.rps, 1),
                    "p50_ms": round(res.p50, 1),
                    "p95_ms": round(res.p95, 1),
                    "errors": res.errors,
                    "minimal_rps": round(merged(around).rps, 1),
                    "ratio_to_minimal": round(ratio, 3),
                }
            )
        minimal = merged(baselines)
        report["minimal"] = {
            "rps": round(minimal.rps, 1),
            "p50_ms": round(minimal.p50, 1),
            "p95_ms": round(minimal.p95, 1),
        }
        _rush_and_weight(report, port, rush, weight_pages)
        report["memory"] = worker_rss_mb(proc)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> int:
    requests_per_page = int(os.environ.get("BENCH_REQUESTS", "300"))
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "4"))
    report: dict = {"machine": _machine()}
    print("== migrating and seeding the demo (small) data")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    small_ctx = pages.small_context()
    small_counts = {p.name: query_count(*p.small(small_ctx)) for p in _pages()}

    print("== building the large data set (bulk inserts)")
    t0 = time.perf_counter()
    built = bench_data.build()
    pages.build_extra(built)
    bench_data.vacuum_analyze()
    report["build_seconds"] = round(time.perf_counter() - t0, 1)
    report["data"] = bench_data.counts()
    print(f"   built in {report['build_seconds']} s: {report['data']}")
    large_ctx = pages.large_context(built)
    large_ctx["rush"] = _rush_participants(built)
    large_ctx["weight_pages"] = _weight_pages()
    results = _query_counts(small_counts, large_ctx)

    print("== load under gunicorn (2 workers, production settings without TLS)")
    _load(report, results, large_ctx, requests_per_page=requests_per_page, concurrency=concurrency)
    report["pages"] = results
    print("== reminder sweep and certificates (manage.py bench_reminders)")
    extra = pages.extra_benchmarks()
    report["reminders"] = extra["reminders"]
    report["certificates"] = extra["certificates"]
    report["memory"]["celery_worker_rss_mb"] = extra["celery_worker_rss_mb"]

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2))
    bench_report.print_table(report)
    print(f"\nreport written to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
