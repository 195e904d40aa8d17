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
    """Send `total` GET requests to `path` over `concurrency` keep-alive connections."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    remaining = total

    def worker() -> None:
        nonlocal errors, remaining
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            for _ in range(warmup):
                conn.request("GET", path, headers=headers)
                conn.getresponse().read()
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
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    seconds = time.perf_counter() - started
    return LoadResult(requests=len(latencies), errors=errors, seconds=seconds, latencies_ms=latencies)
