"""A per-IP limit on the organizations' request form, kept in the cache (shared with Redis in
production, per process with local memory in development), in fixed one-hour windows."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

REQUESTS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def client_ip(request: HttpRequest) -> str:
    """The peer address. Behind a proxy, the proxy sets REMOTE_ADDR (never trust X-Forwarded-For here)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def org_request_allowed(request: HttpRequest, *, now: float | None = None) -> bool:
    """Count one request from this address; False once it made more than the hourly limit."""
    window = int((now or time.time()) // WINDOW_SECONDS)
    key = f"storefront:org-request:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= REQUESTS_PER_HOUR
