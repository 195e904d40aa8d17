"""The environment `make bench` runs the site's processes in: production settings (DEBUG off,
hashed static files, no query log) without TLS, as gunicorn and a Celery worker run them."""

from __future__ import annotations

import os


def production_env(site_url: str = "http://127.0.0.1:8000") -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": site_url,
        "LOG_LEVEL": "WARNING",
    }
