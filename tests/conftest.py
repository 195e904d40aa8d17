"""Shared fixtures.

- Ordinary tests run Celery tasks eagerly; use `django_capture_on_commit_callbacks(execute=True)`
  to see tasks enqueued after commit.
- `services` tests need PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and start a real Celery
  worker and a real SMTP server. `browser` tests drive Chromium with Playwright.
  Without them these tests skip with a reason; REQUIRE_SERVICES=1 / REQUIRE_BROWSER=1 make
  such a skip a failure, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.urls import reverse
from django.utils import translation

from lms.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent

# One fast password hasher for the whole suite: the production hasher is slow on purpose, and
# the suite creates thousands of users. Set before any test runs, so every user (factories,
# seed_demo, signups through the browser) is hashed with it.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


ARTIFACTS = ROOT / "test-artifacts"


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def services_missing() -> str | None:
    db = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in db:
        return "needs PostgreSQL: set DATABASE_URL=postgres://…"
    if not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://…"
    return None


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return path if Path(path).exists() or shutil.which(path) else None


def browser_missing() -> str | None:
    if chromium_path() is None:
        return "needs Chromium: install Debian's chromium or set CHROMIUM_PATH"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright package"
    return None


def pytest_collection_modifyitems(config, items):
    svc_reason = services_missing()
    browser_reason = browser_missing()
    for item in items:
        if "services" in item.keywords and svc_reason:
            if _flag("REQUIRE_SERVICES"):
                item.add_marker(pytest.mark.usefixtures("_fail_required_services"))
            else:
                item.add_marker(pytest.mark.skip(reason=f"service test skipped: {svc_reason}"))
        if "browser" in item.keywords and browser_reason:
            if _flag("REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.usefixtures("_fail_required_browser"))
            else:
                item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {browser_reason}"))


@pytest.fixture
def _fail_required_services():
    pytest.fail(f"REQUIRE_SERVICES=1 but {services_missing()}")


@pytest.fixture
def _fail_required_browser():
    pytest.fail(f"REQUIRE_BROWSER=1 but {browser_missing()}")


def _serial_create_server(self, connections_override=None):
    """One request at a time: on SQLite the live server's threads share the test's one in-memory
    connection, and two requests at once (a page and its cover image) break it ("bad parameter or
    other API misuse"). Django's server then answers `Connection: close`, so nothing waits on a
    kept-alive socket."""
    return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    """PostgreSQL gives each live-server thread its own connection and stays threaded."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        original = LiveServerThread._create_server
        LiveServerThread._create_server = _serial_create_server
        yield
        LiveServerThread._create_server = original
    else:
        yield


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Run tasks in-process unless the test talks to a real worker."""
    if "services" in request.keywords:
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _private_media(tmp_path, settings):
    """Uploaded files go to a temporary folder, never to var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture(autouse=True)
def _english_to_start():
    """Every test starts in the site's default language. A request by a Dutch user leaves Dutch
    active in the thread (the locale middleware activates it and nothing deactivates it), and a
    later test calling a selector directly would read Dutch labels; with the suite split over
    pytest-xdist workers, which test ran before depends on the split."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    from lms.cache import versioned_clear
    from lms.templatetags.fragments import cache_per_process_clear

    cache.clear()
    versioned_clear()
    cache_per_process_clear()
    yield
    cache.clear()
    versioned_clear()
    cache_per_process_clear()


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`.

    allauth accepts only the current 30-second window (no tolerance), so a code read in the last
    two seconds of a window could be checked in the next one and refused: wait for the new window
    first (the flaky "2FA page instead of a redirect" of a staff login)."""
    left = 30 - time.time() % 30
    if left < 2:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def totp_activate(user) -> str:
    """Give `user` a TOTP authenticator (as allauth's set-up page does); returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def staff_login():
    """Log a staff member in as staff must be: with a TOTP authenticator and a session that
    passed a code (the admin and the studio refuse staff without it)."""

    def login(client, user):
        secret = totp_activate(user)
        client.force_login(user)
        response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret)})
        assert response.status_code == 302, response.content.decode()[:500]
        return user

    return login


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def browser_page(request, live_server):
    """A Playwright page in Chromium, saving a screenshot under test-artifacts/ on failure."""
    # Only for this test: a leaked value would reach later tests and their subprocesses.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    request.addfinalizer(monkeypatch.undo)
    from playwright.sync_api import sync_playwright

    marker = request.node.get_closest_marker("chromium_args")
    extra_args = list(marker.args) if marker else []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                *extra_args,
            ],
        )
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            yield page
        finally:
            rep = getattr(request.node, "rep_call", None)
            if rep is not None and rep.failed:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
            context.close()
            browser.close()
