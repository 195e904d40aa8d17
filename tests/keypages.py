"""The key pages (tools/screenshots/pages.py, the list `make screenshots` photographs) on demo data,
for the layout tests (tests/browser/test_layout.py) and the HTML tests (tests/html/).

`seed_key_pages()` runs `seed_demo` as `make run` does and finds each page's URL, so the tests
check the very pages the screenshots show. The caller decides whether the data is committed (a
live server on PostgreSQL must see it) or rolled back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from accounts.models import User
from lms.celery import app as celery_app
from tools.screenshots.pages import EMAIL, LOGINS, PAGES, KeyPage, mail_html

NAMES = [page.name for page in PAGES] + [EMAIL]


@dataclass
class KeyPages:
    pages: dict[str, KeyPage]
    paths: dict[str, str]  # name -> URL path
    users: dict[str, User]  # role -> the demo user
    mail_html: str  # the HTML part of the newest mail the demo sent

    def role(self, name: str) -> str | None:
        return self.pages[name].role if name in self.pages else None


def seed_key_pages(media: Path) -> KeyPages:
    """Demo data (tasks run at once, uploads under `media`) and the URL of every key page."""
    # pytest-django sets up the test database only for modules with a django_db test: without
    # one, this would seed the developer's database.
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert in_memory or name.startswith("test_"), f"not a test database: {name}"
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": media}}}
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    mail.outbox = []
    try:
        with override_settings(STORAGES={**settings.STORAGES, **storages}):
            call_command("seed_demo", stdout=io.StringIO())
            paths = {page.name: page.locate() for page in PAGES}
    finally:
        celery_app.conf.task_always_eager = eager
    html = next((h for h in (mail_html(m.message()) for m in reversed(mail.outbox)) if h), None)
    assert html is not None, f"seed_demo sent no mail with an HTML part ({len(mail.outbox)} mails)"
    users = {role: User.objects.get(email=email) for role, email in LOGINS.items()}
    return KeyPages(pages={p.name: p for p in PAGES}, paths=paths, users=users, mail_html=html)
