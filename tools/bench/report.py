"""The goal table of `make bench`: every measure of issue 18 next to its goal, with pass or miss.

`goals(report)` turns var/bench/report.json into rows; `print_table(report)` prints the page table
and the goal table. Missing figures (a stage that failed or was skipped) show as "n/a", never pass.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from pathlib import Path

# `make test` is not run by `make bench` (it takes minutes on its own): time it on an idle machine and
# pass the seconds in BENCH_TEST_SECONDS to carry the figure into the report; otherwise "n/a".
TEST_SECONDS = os.environ.get("BENCH_TEST_SECONDS")


def machine(vendor: str, cache: str) -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), "")
    mem = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal:")), "0")
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(int(mem) / 1024 / 1024, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "database": vendor,
        "cache": cache,
    }


def _lines(path: str) -> list[str]:
    p = Path(path)
    return p.read_text().splitlines() if p.exists() else []


def _get(report: dict, *keys):
    value = report
    for key in keys:
        if isinstance(value, list):
            value = next((row for row in value if row.get("name") == key), None)
        elif isinstance(value, dict):
            value = value.get(key)
        if value is None:
            return None
    return value


def _weight(report: dict, page: str) -> float | None:
    return _get(report, "page_weight", page, "first_kb_without_images")


def _at_least(goal: float) -> Callable[[float], bool]:
    return lambda v: v >= goal


def _at_most(goal: float) -> Callable[[float], bool]:
    return lambda v: v <= goal


def _server_rows(report: dict) -> list[tuple]:
    rows = [
        (
            "lesson page, ratio to /ping",
            _get(report, "pages", "lesson page", "ratio_to_minimal"),
            "≥ 0.25",
            _at_least(0.25),
        ),
        ("reminder sweep, ratio to raw send_messages", _get(report, "reminders", "ratio"), "≥ 0.9", _at_least(0.9)),
        (
            "org dashboard, 1,000 members, p95 ms",
            _get(report, "pages", "org dashboard", "p95_ms"),
            "≤ 100",
            _at_most(100),
        ),
        (
            "trainer analytics, 10,000 enrollments, p95 ms",
            _get(report, "pages", "trainer analytics", "p95_ms"),
            "≤ 150",
            _at_most(150),
        ),
        ("org CSV export, p95 ms", _get(report, "pages", "org CSV export", "p95_ms"), "≤ 200", _at_most(200)),
        ("certificate PDF, p95 ms", _get(report, "certificates", "p95_ms"), "≤ 150", _at_most(150)),
        (
            "gunicorn worker RSS after load, MB",
            _get(report, "memory", "gunicorn_worker_rss_mb"),
            "≤ 120",
            _at_most(120),
        ),
        (
            "gunicorn worker peak RSS, MB",
            _get(report, "memory", "gunicorn_worker_peak_rss_mb"),
            "report",
            None,
        ),
        (
            "Celery worker RSS after the sweep, MB",
            _get(report, "memory", "celery_worker_rss_mb"),
            "≤ 150",
            _at_most(150),
        ),
        ("cohort rush, p50 ms (all steps)", _get(report, "rush", "p50_ms"), "report", None),
        (
            "password check, CPU ms (production hasher)",  # the log-in step can't be faster than this
            _get(report, "rush", "hasher", "cpu_ms_per_check"),
            "≤ 300",
            _at_most(300),
        ),
        (
            "logins/min 2 busy workers can hash (cohort: 200)",
            _get(report, "rush", "hasher", "max_logins_per_minute"),
            "report",
            None,
        ),
        ("cohort rush, worst step p95 ms", _get(report, "rush", "worst_step_p95_ms"), "≤ 300", _at_most(300)),
        ("cohort rush, p95 ms after login", _get(report, "rush", "p95_after_login_ms"), "≤ 300", _at_most(300)),
        ("cohort rush, errors", _get(report, "rush", "errors"), "0", _at_most(0)),
    ]
    return rows


def _weight_rows(report: dict) -> list[tuple]:
    rows = []
    for page in ("home", "course", "lesson"):
        rows.append((f"page weight {page}, first load KB w/o images", _weight(report, page), "≤ 150", _at_most(150)))
    weights = report.get("page_weight") or {}
    blocking = sum(len(p["render_blocking_scripts"]) for p in weights.values()) if weights else None
    rows.append(("render-blocking scripts (all pages)", blocking, "0", _at_most(0)))
    repeat = all(p["repeat_fetches_only_html"] for p in weights.values()) if weights else None
    rows.append(("repeat load fetches only the HTML", repeat, "yes", lambda v: v is True))
    return rows


def goals(report: dict) -> list[tuple[str, object, str, str]]:
    """(measure, figure, goal, "pass"/"MISS"/"n/a") for every row of the issue's table."""
    rows = _server_rows(report) + _weight_rows(report)
    test_seconds = float(TEST_SECONDS) if TEST_SECONDS else None
    rows.append(("make test on a clean clone, s", test_seconds, "≤ 300", _at_most(300)))
    return [(name, value, goal, _verdict(value, test)) for name, value, goal, test in rows]


def _verdict(value, test) -> str:
    if value is None or value == "":
        return "n/a"
    if test is None:
        return ""
    return "pass" if test(value) else "MISS"


def print_table(report: dict) -> None:
    m = report["minimal"]
    print(f"\nminimal view /ping, all rounds: {m['rps']} req/s, p50 {m['p50_ms']} ms, p95 {m['p95_ms']} ms")
    print("ratio: the page's req/s against /ping measured before, between and after its rounds (median)")
    header = (
        f"{'page':<28}{'q small':>8}{'q large':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'/ping':>8}{'ratio':>8}  note"
    )
    print(header)
    print("-" * len(header))
    for r in report["pages"]:
        note = "QUERY COUNT GREW" if r["grew"] else ("" if r["status"] == 200 else f"status {r['status']}")
        if r.get("errors"):
            note += f" {r['errors']} errors"
        print(
            f"{r['name']:<28}{r['queries_small']:>8}{r['queries_large']:>8}{r.get('rps', 0):>9}"
            f"{r.get('p50_ms', 0):>9}{r.get('p95_ms', 0):>9}{r.get('minimal_rps', 0):>8}"
            f"{r.get('ratio_to_minimal', 0):>8}  {note}"
        )
    _print_rush(report.get("rush"))
    _print_weight(report.get("page_weight"))
    print(f"\n{'measure':<48}{'figure':>10}  {'goal':<8}verdict")
    for name, value, goal, verdict in goals(report):
        print(f"{name:<48}{str(value if value is not None else '-'):>10}  {goal:<8}{verdict}")
    mc = report["machine"]
    print(f"\nmachine: {mc['cpus']} × {mc['cpu']}, {mc['memory_gb']} GB, {mc['database']} + {mc['cache']}")


def _print_rush(rush: dict | None) -> None:
    if not rush:
        return
    print(
        f"\ncohort-start rush: {rush['users']} participants over {rush['seconds']} s, errors {rush['errors_by_kind']}"
    )
    for name, s in rush["steps"].items():
        print(
            f"  {name:<16}{s['requests']:>5} req  p50 {s['p50_ms']:>8} ms  p95 {s['p95_ms']:>8} ms"
            f"  errors {s['errors']}"
        )


def _print_weight(weight: dict | None) -> None:
    if not weight:
        return
    print("\npage weight, KB over the wire (first load / repeat load):")
    for name, w in weight.items():
        first, repeat = w["first_bytes"], w["repeat_bytes"]
        parts = "  ".join(
            f"{k} {first[k] / 1024:.1f}/{repeat[k] / 1024:.1f}" for k in ("html", "css", "js", "font", "image")
        )
        print(f"  {name:<18}{parts}  total w/o images {w['first_kb_without_images']}/{w['repeat_kb_without_images']}")
