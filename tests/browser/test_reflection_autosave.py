"""Submitting a reflection right after typing sends no autosave that the server refuses.

Clicking "Submit reflection" blurs the text area; the old script autosaved on blur, so a draft
request raced the form submission and came back 400 ("already submitted")."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from courses.models import ReflectionResponse
from tests.courses.exercises.conftest import world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def w():
    w = world()
    assert w.reflection.course.slug  # cached: get_absolute_url() makes no query inside the browser session
    w.draft_url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    return w


def test_reflection_submit_right_after_typing_gets_no_refused_request(w, browser_page: Page):
    page = browser_page
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", w.participant.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page.locator("input[name=password]")).to_have_count(0)
    page.goto(w.reflection.get_absolute_url())

    responses, drafts = [], []
    page.on("response", lambda r: responses.append((r.status, r.url)))
    page.on("request", lambda r: drafts.append(r.url) if r.url.endswith(w.draft_url) else None)
    page.locator("#reflection-text").press_sequentially("What I noticed today", delay=5)
    page.get_by_role("button", name="Submit reflection").click()
    expect(page.get_by_text("Your reflection has been submitted.")).to_be_visible()
    page.wait_for_timeout(1000)  # room for a late autosave to arrive and be answered

    assert [r for r in responses if r[0] >= 400] == []
    assert drafts == []  # the submission saves the text; no draft is sent alongside it
    assert ReflectionResponse.objects.get().status == "submitted"
