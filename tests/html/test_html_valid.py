"""The key pages (tools/screenshots/pages.py) and the newest demo mail are valid HTML: no parse
errors, no duplicate ids, `datetime` values HTML accepts. What the checker does and does not cover
is in tests/html/check.py; the first tests prove it fails on each kind of mistake."""

from __future__ import annotations

import pytest

from tests.html.check import datetime_form, html_problems
from tests.keypages import NAMES

pytestmark = pytest.mark.django_db

VALID = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>{}</body></html>'


def test_html_check_passes_a_valid_page():
    body = VALID.format('<main><p id="a">Hi<br><time datetime="2026-12-01T09:30+01:00">today</time></p></main>')
    assert html_problems(body) == []


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<div><p>open</p>", "Missing end tag (div)"),
        ("<b><i>x</b></i>", "adoption agency"),
        ("<p>x</p></div>", "End tag (div) seen too early"),
        ('<a href="/a"><a href="/b">b</a></a>', "implies end tag (a)"),
        ("<div/>", "Trailing solidus"),
        ('<p id="x">a</p><svg><g id="x"></g></svg>', 'id="x" is used 2 times'),
        ('<time datetime="2026-12-01T09:30:00.123456+01:00">now</time>', "no valid date/time"),
        ('<time datetime="2026-02-30">x</time>', "no valid date/time"),
        ("<time>2 days ago</time>", "without datetime"),
        ('<del datetime="09:30">x</del>', "no valid date/time"),
    ],
)
def test_html_check_finds(fragment, expected):
    """Each kind of mistake the checker promises to find is found."""
    problems = html_problems(VALID.format(fragment))
    assert any(expected in p for p in problems), problems


def test_html_check_wants_a_doctype():
    assert any("Expected DOCTYPE" in p for p in html_problems("<html><body>x</body></html>"))


@pytest.mark.parametrize(
    "value, form",
    [
        ("2026", "year"),
        ("2026-12", "month"),
        ("2024-02-29", "date"),
        ("12-25", "yearless date"),
        ("09:30:05.25", "time"),
        ("2026-12-01 09:30", "local date and time"),
        ("2026-12-01T09:30:00Z", "global date and time"),
        ("2026-W53", "week"),
        ("PT1H30M", "duration"),
        ("1h 30m", "duration (components)"),
        ("2025-02-29", None),
        ("2026-12-01T24:00", None),
        ("2025-W53", None),
        ("1 December 2026", None),
    ],
)
def test_html_check_datetime_forms(value, form):
    assert datetime_form(value) == form


@pytest.mark.parametrize("name", NAMES)
def test_html_key_page_is_valid(key_pages, name):
    pages, clients = key_pages
    if name in pages.paths:
        response = clients[pages.role(name)].get(pages.paths[name])
        assert response.status_code == 200, f"{pages.paths[name]} answered {response.status_code}"
        body = response.content
    else:  # the newest mail's HTML part
        body = pages.mail_html
    problems = html_problems(body)
    assert problems == [], f"{name} is not valid HTML:\n" + "\n".join(problems)
