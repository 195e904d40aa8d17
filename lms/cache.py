"""Cache helpers for the pages every participant reads (issue 18). Three parts:

1. `RedisCache`: Django's Redis backend, with one redis-py client per connection pool instead of
   one per call. Django's `RedisCacheClient.get_client` builds a new `redis.Redis` object for
   every cache call; with redis-py 8 its constructor fills a table of about 170 response
   callbacks, about 0.2 ms of CPU per call (measured: 10 cache reads were 1.4 of the lesson
   page's 6.6 ms CPU on PostgreSQL + Redis, 0.6 ms of that in constructors). A `redis.Redis`
   object is safe to share between threads (each command borrows a connection from the pool).
2. `versioned_get` / `versioned_set` (and the `template_fragments` alias for `{% cache %}`):
   values under keys that name their version, kept in this process in front of the shared cache.
3. `request_memo`: values read from the shared cache once per request, not once per call.

None of them keeps state another process needs: every copy here can be dropped at any time.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # A race between two threads only builds one spare client: both are equivalent.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


# --- Values cached under a key that names their version --------------------------------------
#
# A key such as "course-outline:v2:<course>:<created>:<generation>" is never given another value:
# a content write retires the generation instead (courses/learning/outline.py). So a copy kept in
# this process is as good as the shared cache's, and saves a round trip to Redis per read.
# Kept pickled (every read returns its own copy, safe to annotate) and bounded in bytes,
# least recently used first out.

_VERSIONED_MAX_BYTES = 16 * 1024 * 1024
_versioned: OrderedDict[str, bytes] = OrderedDict()
_versioned_bytes = 0
_versioned_lock = threading.Lock()


def _versioned_remember(key: str, value: object) -> None:
    global _versioned_bytes
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _versioned_lock:
        old = _versioned.pop(key, None)
        _versioned_bytes += len(data) - (len(old) if old is not None else 0)
        _versioned[key] = data
        while _versioned_bytes > _VERSIONED_MAX_BYTES and _versioned:
            _versioned_bytes -= len(_versioned.popitem(last=False)[1])


def versioned_get(key: str) -> Any:
    """The value under a versioned key (see above): from this process when it has it, else from
    the shared cache (then kept here). None when neither has it."""
    with _versioned_lock:
        data = _versioned.get(key)
        if data is not None:
            _versioned.move_to_end(key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 (our own bytes, pickled above)
    value = cache.get(key)
    if value is not None:
        _versioned_remember(key, value)
    return value


def versioned_set(key: str, value: object, timeout: float | None | object = DEFAULT_TIMEOUT) -> None:
    """Store a value under a versioned key, in the shared cache (for `timeout` seconds, None for
    ever) and in this process."""
    cache.set(key, value, timeout=timeout)
    _versioned_remember(key, value)


def versioned_clear() -> None:
    """Forget this process's copies (tests; the shared cache is cleared on its own)."""
    global _versioned_bytes
    with _versioned_lock:
        _versioned.clear()
        _versioned_bytes = 0


class VersionedFragmentCache(BaseCache):
    """The `template_fragments` cache alias, which Django's `{% cache %}` tag uses when it exists:
    the default cache with this process's copies in front (`versioned_get`). So every key given
    to `{% cache %}` must name the version of what it renders (the lesson page's outline is
    keyed by `outline.fingerprint`, which holds the outline's generation and the ticks); a
    fragment that could change under the same key would be served stale by this process."""

    def __init__(self, _location: str, params: dict) -> None:
        super().__init__(params)

    def get(self, key, default=None, version=None):
        value = versioned_get(self.make_and_validate_key(key, version=version))
        return default if value is None else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # The shared cache applies the timeout (in seconds, as given: `{% cache 3600 … %}`).
        versioned_set(self.make_and_validate_key(key, version=version), value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version=version):
            return False
        self.set(key, value, timeout, version)
        return True

    def delete(self, key, version=None):
        raise NotImplementedError("a versioned key is never deleted: its version is retired")

    def clear(self):
        versioned_clear()


# --- Memo for the length of one request ------------------------------------------------------
#
# For values that must be read fresh from the shared cache once per request but not more often
# (an outline's generation is read by three selectors on the lesson page). Outside a request
# (Celery tasks, the shell, management commands) there is no memo: every read goes to the cache.

_request = threading.local()


def request_memo() -> dict | None:
    """This request's memo (a dict), or None outside a request."""
    return getattr(_request, "memo", None)


def request_memo_start(**_kwargs: object) -> None:
    _request.memo = {}


def request_memo_end(**_kwargs: object) -> None:
    _request.memo = None
