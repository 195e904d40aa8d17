"""The cohort-start rush: a cohort of 200 starts at 09:00 and everyone arrives within a minute.

Each participant is a real visitor: opens the login page, logs in through allauth's form (CSRF token
and all, the production password hasher checking the password), opens the course page, opens the
first lesson and marks it complete. Arrivals are open-loop: 200 arrival times drawn uniformly over
60 s (a Poisson process conditioned on 200 arrivals), each participant in its own thread with its own
cookies, so a slow server makes people pile up as it would at 09:00, instead of slowing the generator.

Each participant connects from its own loopback address (127.0.1.x: all of 127/8 reaches `lo` on
Linux), as a cohort working from home would; allauth's per-IP login limit (30 a minute) would
otherwise refuse a whole cohort behind one address. Standard library only.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

STEPS = ("login page", "log in", "course page", "first lesson", "mark complete")
CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Participant:
    email: str
    password: str
    course_path: str
    lesson_path: str
    complete_path: str


@dataclass
class RushResult:
    users: int
    seconds: float
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STEPS, 0))
    error_samples: list[str] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=dict)  # "timeout", "status 403", …

    def summary(self) -> dict:
        steps = {}
        for step in STEPS:
            ordered = sorted(self.latencies_ms[step])
            steps[step] = {
                "requests": len(ordered),
                "p50_ms": round(_pct(ordered, 50), 1),
                "p95_ms": round(_pct(ordered, 95), 1),
                "max_ms": round(ordered[-1], 1) if ordered else 0.0,
                "errors": self.errors[step],
            }
        every = sorted(v for s in STEPS for v in self.latencies_ms[s])
        after_login = sorted(v for s in STEPS[2:] for v in self.latencies_ms[s])
        return {
            "users": self.users,
            "seconds": round(self.seconds, 1),
            "steps": steps,
            "p50_ms": round(_pct(every, 50), 1),
            "p95_ms": round(_pct(every, 95), 1),
            "worst_step_p95_ms": max(s["p95_ms"] for s in steps.values()),
            "p95_after_login_ms": round(_pct(after_login, 95), 1),
            "errors": sum(self.errors.values()),
            "errors_by_kind": self.error_kinds,
            "error_samples": self.error_samples[:5],
        }


def _pct(ordered: list[float], p: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


class Visitor:
    """One browser: a keep-alive connection from its own address, and a cookie jar."""

    def __init__(self, host: str, port: int, source_ip: str, timeout: float) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(source_ip, 0))
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "bench-rush"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = raw.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, content

    def close(self) -> None:
        self.conn.close()


def _visit(visitor: Visitor, who: Participant, result: RushResult, lock: threading.Lock) -> None:
    def step(name: str, method: str, path: str, expect: int, form: dict | None = None) -> bytes | None:
        started = time.perf_counter()
        try:
            status, content = visitor.request(method, path, form)
            kind = f"status {status}"
        except (OSError, http.client.HTTPException) as exc:
            status, content = 0, repr(exc).encode()
            kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            result.latencies_ms[name].append(elapsed)
            if status != expect:
                result.errors[name] += 1
                result.error_kinds[kind] = result.error_kinds.get(kind, 0) + 1
                result.error_samples.append(f"{name} {path}: {status} {content[:120]!r}")
        return content if status == expect else None

    page = step("login page", "GET", "/accounts/login/", 200)
    match = CSRF_RE.search(page or b"")
    if not match:
        return
    form = {"csrfmiddlewaretoken": match.group(1).decode(), "login": who.email, "password": who.password}
    if step("log in", "POST", "/accounts/login/", 302, form) is None:
        return
    if step("course page", "GET", who.course_path, 200) is None:
        return
    lesson = step("first lesson", "GET", who.lesson_path, 200)
    match = CSRF_RE.search(lesson or b"")
    if not match:
        return
    step("mark complete", "POST", who.complete_path, 302, {"csrfmiddlewaretoken": match.group(1).decode()})


def run_rush(
    *, host: str, port: int, participants: list[Participant], window: float = 60.0, timeout: float = 60.0, seed: int = 9
) -> RushResult:
    """Every participant arrives once, at a random moment of `window` seconds, and walks the steps."""
    rng = random.Random(seed)
    arrivals = sorted(rng.uniform(0, window) for _ in participants)
    result = RushResult(users=len(participants), seconds=0.0)
    lock = threading.Lock()
    threads = []

    def one(i: int, who: Participant) -> None:
        visitor = Visitor(host, port, f"127.0.{1 + i // 250}.{1 + i % 250}", timeout)
        try:
            _visit(visitor, who, result, lock)
        finally:
            visitor.close()

    started = time.perf_counter()
    for i, (at, who) in enumerate(zip(arrivals, participants, strict=True)):
        delay = at - (time.perf_counter() - started)
        if delay > 0:
            time.sleep(delay)
        thread = threading.Thread(target=one, args=(i, who), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(timeout=timeout * len(STEPS))
    result.seconds = time.perf_counter() - started
    return result
