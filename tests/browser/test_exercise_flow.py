"""A participant passes a quiz and submits an assignment; the trainer asks for a revision;
the participant resubmits; the trainer approves; the participant sees the feedback and the
course progress bar move.

The progress bar checked here is the one on the exercise page (the dashboard's uses the same
selector, `progress_for_enrollments`).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.courses.exercises.conftest import PDF, world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page: Page, email: str) -> None:
    page.context.clear_cookies()
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    expect(page.locator("input[name=password]")).to_have_count(0)


def _progress(page: Page) -> int:
    return int(page.get_by_test_id("course-progress").first.inner_text().split("%")[0].split()[-1])


def _review(page: Page, decision_label: str, feedback: str) -> None:
    page.goto(reverse("courses:review_queue"))
    page.get_by_role("link", name=re.compile("Pat Browser")).first.click()
    # locator.all() does not wait: without this the scores could be looked for on the queue
    # page, none chosen, and the browser would refuse the form for its required selects.
    page.wait_for_url(re.compile(r"/trainer/reviews/\d+/$"))
    scores = page.locator("#review-form select")
    expect(scores.first).to_be_visible()
    for select in scores.all():
        select.select_option(index=2)
    page.fill("#feedback", feedback)
    page.get_by_label(decision_label).check()
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review has been saved")).to_be_visible()


@pytest.fixture
def w():
    """Data is made before Playwright starts its event loop: the ORM is not used inside the
    browser session, so no database connection is left behind in Playwright's context."""
    w = world(max_attempts=3)
    w.participant.full_name = "Pat Browser"
    w.participant.save()
    for exercise in (w.quiz, w.reflection, w.assignment):
        assert exercise.course.slug  # cache the relation: get_absolute_url() makes no query later
    return w


def test_exercise_flow_quiz_assignment_revision_approval(w, browser_page: Page):
    page = browser_page

    _login(page, w.participant.email)
    page.goto(w.quiz.get_absolute_url())
    start = _progress(page)
    assert start == 0
    page.get_by_label("What did you notice?").check()
    page.get_by_label("Polite agreement.").check()
    page.get_by_label("Dependency.").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_test_id("quiz-passed")).to_be_visible()
    expect(page.get_by_text("EXPLAIN-OPEN-QUESTION")).to_be_visible()
    after_quiz = _progress(page)
    assert after_quiz > start

    page.goto(w.assignment.get_absolute_url())
    page.fill("#submission-text", "Suppose a miracle happens tonight...")
    page.set_input_files(
        "#submission-file", files=[{"name": "answer.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_test_id("submission-pending")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Download answer.pdf"))).to_be_visible()

    _login(page, w.trainer.email)
    _review(page, "Needs revision", "Make the question open, please.")

    _login(page, w.participant.email)
    page.goto(w.assignment.get_absolute_url())
    expect(page.get_by_test_id("feedback").first).to_contain_text("Make the question open")
    assert _progress(page) == after_quiz
    page.fill("#submission-text", "Suppose that tonight, while you sleep, the problem is solved...")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_test_id("submission-pending")).to_be_visible()
    expect(page.get_by_test_id("version-1")).to_contain_text("Needs revision")

    _login(page, w.trainer.email)
    _review(page, "Approved", "Excellent, open and well introduced.")

    _login(page, w.participant.email)
    page.goto(w.assignment.get_absolute_url())
    expect(page.get_by_test_id("submission-approved")).to_be_visible()
    expect(page.get_by_test_id("version-2")).to_contain_text("Excellent, open and well introduced.")
    expect(page.get_by_test_id("version-1")).to_contain_text("Make the question open")
    assert _progress(page) > after_quiz


def test_reflection_autosaves_draft_with_javascript(w, browser_page: Page):
    page = browser_page
    _login(page, w.participant.email)
    page.goto(w.reflection.get_absolute_url())
    page.fill("#reflection-text", "Autosaved without pressing a button.")
    page.locator("#reflection-text").blur()
    expect(page.locator("#autosave-status")).to_have_text("Draft saved.")
    # The draft was stored on the server: a fresh page load shows it.
    page.goto(w.reflection.get_absolute_url())
    expect(page.locator("#reflection-text")).to_have_value("Autosaved without pressing a button.")
