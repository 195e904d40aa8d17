"""Chromium through Playwright, as the screenshots and the layout tests both drive it: Debian's
Chromium (CHROMIUM_PATH to choose another), flags for a root user on a closed network, and a
login through the site's real login form."""

from __future__ import annotations

import os

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOGIN_PATH = "/accounts/login/"


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


def log_in(browser, base_url: str, email: str, password: str) -> dict:
    """Log in through the login form as a person would; returns the session (cookies) to reuse
    in other browser contexts (Playwright's storage state)."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.goto(LOGIN_PATH)
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.press("input[name=password]", "Enter")
        page.wait_for_url(lambda url: LOGIN_PATH not in url, timeout=15_000)
        return context.storage_state()
    finally:
        context.close()
