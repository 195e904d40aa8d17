"""A small, bounded HTTP load generator for loopback benchmarks.

Keep-alive connections in a few threads, a fixed number of requests per page, latency of
every request recorded. Figures are only compared with a baseline measured in the same run
(the minimal "ok" view), because a shared 2-core machine is noisy.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
        return ordered[index]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95(self) -> float:
        return self.percentile(95)


def _warm_up(conn: http.client.HTTPConnection, path: str, headers: dict[str, str], requests: int) -> None:
    for _ in range(requests):
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()


def run_load(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    total: int,
    concurrency: int,
    timeout: float = 30.0,
    warmup: int = 5,
) -> LoadResult:
    """Send `total` GET requests to `path` over `concurrency` keep-alive connections. The clock starts
    when every connection has made its `warmup` requests, which are not counted."""
    lock = threading.Lock()
    warm = threading.Barrier(concurrency + 1)
    latencies: list[float] = []
    errors = 0
    remaining = total

    def worker() -> None:
        nonlocal errors, remaining
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            try:
                _warm_up(conn, path, headers, warmup)
            finally:
                warm.wait()
            while True:
                with lock:
                    if remaining <= 0:
                        return
                    remaining -= 1
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=timeout)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    warm.wait()
    started = time.perf_counter()
    for t in threads:
        t.join(timeout=600)
    seconds = time.perf_counter() - started
    return LoadResult(requests=len(latencies), errors=errors, seconds=seconds, latencies_ms=latencies)


def merged(results: list[LoadResult]) -> LoadResult:
    """Several runs of one path as one: requests, errors, seconds and latencies added up."""
    return LoadResult(
        requests=sum(r.requests for r in results),
        errors=sum(r.errors for r in results),
        seconds=sum(r.seconds for r in results),
        latencies_ms=[ms for r in results for ms in r.latencies_ms],
    )


def paired_ratio(pages: list[LoadResult], baselines: list[LoadResult]) -> float:
    """The median over rounds of a page round's rate against the baseline's rate around it (the mean
    of the baseline rounds just before and just after): `baselines` has one round more than `pages`.
    A machine whose speed drifts during the run (a busy neighbour) moves both alike."""
    if len(baselines) != len(pages) + 1:
        raise ValueError("one baseline round before each page round and one after the last")
    ratios = []
    for i, page in enumerate(pages):
        around = (baselines[i].rps + baselines[i + 1].rps) / 2
        ratios.append(page.rps / around if around else 0.0)
    return statistics.median(ratios)


def run_paired(
    *, host: str, port: int, path: str, headers: dict[str, str], total: int, concurrency: int, rounds: int = 3
) -> tuple[LoadResult, list[LoadResult], float]:
    """`total` requests to `path` in `rounds` rounds, with the minimal view `/ping` measured before,
    between and after them (twice the requests per round: it is fast). Returns the page's rounds
    merged, the baseline's rounds and `paired_ratio`."""
    per_round = max(1, total // rounds)

    def baseline() -> LoadResult:
        return run_load(host=host, port=port, path="/ping", headers={}, total=2 * per_round, concurrency=concurrency)

    baselines, pages = [baseline()], []
    for _ in range(rounds):
        pages.append(
            run_load(host=host, port=port, path=path, headers=headers, total=per_round, concurrency=concurrency)
        )
        baselines.append(baseline())
    return merged(pages), baselines, paired_ratio(pages, baselines)
