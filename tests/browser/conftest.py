"""The layout tests' site and browser, set up once per module (tests/browser/test_layout.py).

Seeding the demo and logging in take seconds, so they happen once per module instead of once per
test: the demo data is committed (a live server on PostgreSQL has its own connection and sees only
committed rows) and flushed when the module ends, so the tests after it start from an empty
database as usual. The live server here is the module's own, not pytest-django's `live_server`,
which would flush the database after every test.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings

from tests.conftest import ROOT
from tests.keypages import KeyPages, seed_key_pages
from tools.screenshots.browser import launch, log_in
from tools.screenshots.pages import LOGINS, PASSWORD

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 800}


@dataclass
class LayoutSite:
    url: str
    key_pages: KeyPages
    pages: dict = field(default_factory=dict)  # role -> a Playwright page logged in as that role


class SerialLiveServerThread(LiveServerThread):
    """A live server answering one request at a time. With SQLite's in-memory test database every
    request shares the test's one connection, and two requests at once (a page and its favicon)
    lock each other out ("database table is locked")."""

    def _create_server(self, connections_override=None):
        return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)


@contextmanager
def live_server_url():
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = SerialLiveServerThread("localhost", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
            yield f"http://localhost:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


@pytest.fixture(scope="module")
def layout_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """Demo data committed for this module, flushed at its end."""
    with django_db_blocker.unblock():
        try:
            yield seed_key_pages(tmp_path_factory.mktemp("layout-media"))
        finally:
            call_command("flush", interactive=False, verbosity=0)


def _role_page(browser, url: str, role: str | None):
    state = log_in(browser, url, LOGINS[role], PASSWORD) if role else None
    # bypass_csp: the site's CSP would refuse the axe-core script the tests inject.
    context = browser.new_context(base_url=url, viewport=PHONE, storage_state=state, bypass_csp=True)
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture(scope="module")
def layout_browser(layout_site):
    """One Chromium and one live server for the module, and one 360 px wide page per role, each
    role logged in once through the login form. Not a phone emulation: an emulated phone widens
    its layout viewport to fit a page that is too wide, which would hide the very overflow tested.

    The server starts once Playwright runs: from then on Django hands this thread another database
    connection (its connections are per async context, and Playwright runs an event loop), the one
    each test's transaction is on, and the server must share that one on SQLite's in-memory database.
    """
    from playwright.sync_api import sync_playwright

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop here
    with sync_playwright() as pw, live_server_url() as url:
        browser = launch(pw)
        try:
            site = LayoutSite(url=url, key_pages=layout_site)
            site.pages = {role: _role_page(browser, url, role) for role in [None, *LOGINS]}
            yield site
        finally:
            browser.close()
            connections.close_all()  # this context's connection, or PostgreSQL cannot drop the test database
            monkeypatch.undo()


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core from node_modules (`make npm`); skipped without it, a failure under REQUIRE_BROWSER=1."""
    if not AXE.exists():
        reason = f"needs axe-core: run `make npm` (npm ci) to install {AXE.relative_to(ROOT)}"
        if _flag("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return AXE
