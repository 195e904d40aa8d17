"""Give each pytest-xdist worker its own Redis database (loaded with `-p tests.xdist_services`).

Loaded before pytest-django reads the settings, so `REDIS_URL` is rewritten in time for the
cache, the sessions and the Celery broker. The workers would otherwise share one database:
the autouse `cache.clear()` (a FLUSHDB) of one worker would empty the other's cache mid-test,
and the Celery tests of one would purge the queue the other's worker is reading.
Worker gw0 keeps the database of `REDIS_URL`, gw1 takes the next one, and so on (modulo 16,
Redis's default number of databases). Without xdist, or without `REDIS_URL`, nothing changes.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16


def worker_redis_url(url: str, worker: str) -> str:
    """`url` with its database moved on by the worker's number ("gw3" -> +3)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + int(worker.removeprefix("gw"))) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], _worker)
