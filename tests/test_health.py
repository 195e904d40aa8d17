"""/healthz: 200 with every dependency ok; 503 naming what is down."""

from __future__ import annotations

import socket

import pytest

from lms.celery import app as celery_app


@pytest.mark.django_db
def test_healthz_reports_every_dependency_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
    assert body["down"] == []


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_stopped(settings):
    """Redis configured (cache and broker) at an address where nothing listens, restored afterwards."""
    url = f"redis://127.0.0.1:{_unused_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    try:
        yield url
    finally:
        celery_app.conf.broker_url = previous


@pytest.mark.django_db
def test_healthz_is_503_naming_cache_and_broker_when_redis_is_down(client, redis_stopped):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker", "cache"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("down")
    assert body["checks"]["broker"].startswith("down")


@pytest.mark.django_db
def test_healthz_is_503_when_filesystem_broker_folder_is_missing(client, settings, tmp_path):
    """The embedded mode's broker is a folder; without it the worker gets nothing."""
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "missing")}
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = "filesystem://"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
