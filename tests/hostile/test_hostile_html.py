"""Every page the hostile walk knows (its RECIPES: every URL of the site but Django's admin and
allauth's), fetched by its user as the walk's world has it, is valid HTML (tests/html/check.py
says what that covers). Answers that are no HTML page (a redirect, a file, JSON, 405 for a
POST-only URL) are passed over; the test counts the pages it checked, so it cannot pass empty."""

from __future__ import annotations

import pytest

from tests.hostile.test_hostile_input import RECIPES, ROUTES, resolve
from tests.html.check import html_problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_of_walk")]

MIN_PAGES = 50  # 63 of the walk's URLs answer a page today


def _html(response) -> bytes | None:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None
    return b"".join(response) if response.streaming else response.content


def test_hostile_every_page_is_valid_html(walk):
    problems: list[str] = []
    checked = 0
    for name, recipe in sorted(RECIPES.items()):
        for variant in recipe.kwargs:
            url = ROUTES[name].url({key: resolve(walk.world, spec) for key, spec in variant.items()})
            body = _html(walk.clients[recipe.role].get(url))
            if body is None:
                continue
            checked += 1
            problems += [f"{name} {url}: {p}" for p in html_problems(body)]
    assert checked >= MIN_PAGES, f"only {checked} HTML pages checked"
    assert problems == [], f"{len(problems)} problems in {checked} pages:\n" + "\n".join(problems)
