"""Switching the language on a lesson page stays on that lesson, now in Dutch, and the choice is
saved on the profile. The scripts' own strings come from the JavaScript catalog (/jsi18n/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.courses.exercises.conftest import world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_language_switch_on_a_lesson_keeps_the_lesson_in_dutch(browser_page: Page):
    w = world(with_lesson=True)
    lesson_url = w.lesson.get_absolute_url() + "?from=outline"
    reflection_url = w.reflection.get_absolute_url()
    page = browser_page
    page.set_extra_http_headers({"Accept-Language": "en-GB,en;q=0.9"})
    page.goto("/accounts/login/")
    page.fill("input[name=login]", w.participant.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page.locator("input[name=password]")).to_have_count(0)
    page.goto(lesson_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.select_option("#language-select", "nl")
    page.locator("#language-select").locator("xpath=ancestor::form").get_by_role("button").click()

    page.wait_for_load_state()
    assert page.url.endswith(lesson_url), page.url
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    assert User.objects.get(pk=w.participant.pk).language == "nl"

    # The scripts translate through the catalog: gettext() is there before they run.
    page.goto(reflection_url)
    assert page.evaluate("() => gettext('Draft saved.')") == "Concept opgeslagen."
