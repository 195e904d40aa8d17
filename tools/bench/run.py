"""`make bench`: query counts at two sizes, throughput/latency under gunicorn, reminders,
certificates and memory. Writes var/bench/report.json and prints a table.

Run through the Makefile, which points DATABASE_URL at a separate benchmark database
(var/bench/bench.sqlite3, or <name>_bench on PostgreSQL) so development data is never touched.
"""

from __future__ import annotations

import json
import os
import platform
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
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tools.bench import data as bench_data  # noqa: E402
from tools.bench import pages  # noqa: E402
from tools.bench.load import run_load  # noqa: E402

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
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
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


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    peak = 0.0
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    pids = children.read_text().split() if children.exists() else []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return round(peak, 1)


def _machine() -> dict:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": connection.vendor,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


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


def _load(report: dict, results: list[dict], large_ctx, *, requests_per_page: int, concurrency: int) -> None:
    """Every page under gunicorn, against the minimal view measured in the same run."""
    port = free_port()
    proc = start_gunicorn(port)
    try:
        minimal = run_load(
            host="127.0.0.1", port=port, path="/ping", headers={}, total=requests_per_page * 2, concurrency=concurrency
        )
        report["minimal"] = {
            "rps": round(minimal.rps, 1),
            "p50_ms": round(minimal.p50, 1),
            "p95_ms": round(minimal.p95, 1),
        }
        for page, row in zip(_pages(), results, strict=True):
            path, user = page.large(large_ctx)
            headers = {"Cookie": session_cookie_for(user)} if user is not None else {}
            res = run_load(
                host="127.0.0.1",
                port=port,
                path=path,
                headers=headers,
                total=requests_per_page,
                concurrency=concurrency,
            )
            row.update(
                {
                    "rps": round(res.rps, 1),
                    "p50_ms": round(res.p50, 1),
                    "p95_ms": round(res.p95, 1),
                    "errors": res.errors,
                    "ratio_to_minimal": round(res.rps / minimal.rps, 3) if minimal.rps else 0,
                }
            )
        report["memory"] = {"gunicorn_worker_rss_mb": worker_peak_rss_mb(proc)}
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
    report["build_seconds"] = round(time.perf_counter() - t0, 1)
    report["data"] = bench_data.counts()
    print(f"   built in {report['build_seconds']} s: {report['data']}")
    large_ctx = pages.large_context(built)
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
    print_table(report)
    print(f"\nreport written to {REPORT.relative_to(ROOT)}")
    return 0


def print_table(report: dict) -> None:
    m = report["minimal"]
    print(f"\nminimal view /ping: {m['rps']} req/s, p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms")
    header = f"{'page':<28}{'q small':>8}{'q large':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'ratio':>8}  note"
    print(header)
    print("-" * len(header))
    for r in report["pages"]:
        note = "QUERY COUNT GREW" if r["grew"] else ("" if r["status"] == 200 else f"status {r['status']}")
        if r.get("errors"):
            note += f" {r['errors']} errors"
        print(
            f"{r['name']:<28}{r['queries_small']:>8}{r['queries_large']:>8}{r.get('rps', 0):>9}"
            f"{r.get('p50_ms', 0):>9}{r.get('p95_ms', 0):>9}{r.get('ratio_to_minimal', 0):>8}  {note}"
        )
    for key in ("reminders", "certificates", "memory"):
        if key in report:
            print(f"{key}: {report[key]}")


if __name__ == "__main__":
    sys.exit(main())
