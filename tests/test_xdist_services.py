"""Each pytest-xdist worker gets its own Redis database (tests/xdist_services.py)."""

from __future__ import annotations

from tests.xdist_services import worker_redis_url


def test_each_worker_moves_the_database_on_by_its_number():
    assert worker_redis_url("redis://127.0.0.1:6379/9", "gw0") == "redis://127.0.0.1:6379/9"
    assert worker_redis_url("redis://127.0.0.1:6379/9", "gw1") == "redis://127.0.0.1:6379/10"
    assert worker_redis_url("redis://:secret@cache:6380", "gw2") == "redis://:secret@cache:6380/2"
    assert worker_redis_url("redis://127.0.0.1:6379/15", "gw1") == "redis://127.0.0.1:6379/0"
