"""Every key page, read by a Dutch-speaking user, shows no English interface words.

The pages are the screenshot list (tools/screenshots/pages.py) plus the issue's others: the review
queue and the account pages (profile, email addresses, password), and the visitor's log-in and
sign-up pages. Each demo user's saved language is Dutch; the visitor's browser asks for Dutch.
Course content written in English is left out (tests/i18n/english.py says how). The failure lists
every English word with the page it is on.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.i18n.english import ENGLISH_WORDS, content_corpus, english_on_page, shown_texts
from tests.keypages import NAMES

pytestmark = pytest.mark.django_db

EMAIL_PAGE = NAMES[-1]  # the newest demo mail, checked in test_dutch_sent.py
EXTRA = {  # name -> (role, URL name)
    "review-queue": ("trainer", "courses:review_queue"),
    "account-profile": ("participant", "accounts:profile"),
    "account-email": ("participant", "account_email"),
    "account-password": ("participant", "account_change_password"),
    "login": (None, "account_login"),
    "signup": (None, "account_signup"),
}
PAGE_NAMES = [name for name in NAMES if name != EMAIL_PAGE] + list(EXTRA)


@pytest.fixture(scope="module")
def dutch_pages(dutch_key_pages, django_db_blocker):
    """Every page's HTML as its Dutch reader gets it, and the database's authored content."""
    pages, clients = dutch_key_pages
    html, problems = {}, {}
    with django_db_blocker.unblock():
        content = content_corpus()
        for name in PAGE_NAMES:
            role, path = (
                (EXTRA[name][0], reverse(EXTRA[name][1])) if name in EXTRA else (pages.role(name), pages.paths[name])
            )
            response = clients[role].get(path)
            if response.status_code != 200:
                problems[name] = f"{path} answered {response.status_code}"
                continue
            html[name] = response.content.decode()
    return html, problems, content


def test_dutch_pages_checker_finds_english():
    """The checker can fail: English in text, a title and a button's value is found; text in an
    element marked English and Dutch words that look English are not."""
    page = (
        '<!DOCTYPE html><html lang="nl"><head><title>Cursus · Site</title></head><body>'
        '<a href="/" title="Log out">x</a><p>Ga verder met je les</p><input type="submit" value="Save">'
        '<div lang="en"><p>Continue with the lesson</p></div><p>Module 1 · Dashboard · Quiz</p>'
        "<script>var s = 'Continue';</script><p>Your progress</p></body></html>"
    )
    found = [hit.split(":")[0] for hit in english_on_page(page)]
    assert found == ["Log out", "Save", "Your"]
    assert "Continue" in ENGLISH_WORDS and "Module" not in ENGLISH_WORDS


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_dutch_page_has_no_english_interface_words(dutch_pages, name):
    html, problems, content = dutch_pages
    assert name not in problems, problems[name]
    assert '<html lang="nl">' in html[name], f"{name}: not served in Dutch"
    english = english_on_page(html[name], content)
    assert not english, f"{name}: {len(english)} English interface word(s):\n  " + "\n  ".join(english)


def test_dutch_pages_show_dutch(dutch_pages):
    """Not only no English: each page says something in Dutch (the menu at least)."""
    html, problems, content = dutch_pages
    for name, body in html.items():
        texts = " ".join(shown_texts(body))
        assert "Cursussen" in texts or "Inloggen" in texts or "Uitloggen" in texts, name


NUMERIC_ATTRIBUTE = re.compile(
    r'\s(style|width|height|x|y|x1|x2|y1|y2|cx|cy|r|d|points|viewBox|transform|value|min|max|step|data-[\w-]+)="([^"]*\d,\d[^"]*)"'
)


def test_dutch_pages_keep_numbers_in_attributes_machine_readable(dutch_pages):
    """Dutch writes 62,5 where English writes 62.5; Django localises numbers in templates. A width,
    an SVG coordinate or an input's value must stay 62.5, or the browser ignores it."""
    html, problems, content = dutch_pages
    found = [
        f"{name}: {m.group(0).strip()[:120]}" for name, body in html.items() for m in NUMERIC_ATTRIBUTE.finditer(body)
    ]
    assert not found, "\n".join(found)
