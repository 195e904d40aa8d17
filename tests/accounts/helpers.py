"""Small helpers for account tests (used by tests/accounts, tests/services, tests/browser)."""

from __future__ import annotations

import re

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+/")


def confirm_link_from(text: str) -> str:
    """The verification link in an email body; fails loudly when there is none."""
    match = CONFIRM_LINK.search(text)
    assert match, f"no confirmation link in:\n{text}"
    return match.group(0)


def link_path(url: str) -> str:
    """The path of an absolute link, so the test client can open it."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
