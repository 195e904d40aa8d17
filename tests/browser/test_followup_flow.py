"""A participant makes a plan, answers a check-in from the emailed link on a phone, and sees
the timeline update."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from courses.followup.services import checkin_url
from courses.models import CheckIn, CommitmentPlan
from tests.courses.followup.conftest import make_due, participant, plan_exercise  # noqa: F401
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


def _link_path(plan) -> str:
    """The link the check-in email carries: the engine's when merged, else built by the same service."""
    checkin = make_due(plan.checkins.order_by("due_at").first())
    return checkin_url(checkin=checkin, absolute=False)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_followup_flow_plan_checkin_on_phone_timeline(browser_page, live_server):
    page = browser_page
    exercise = plan_exercise()
    user = participant(exercise.course)

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    expect(page.locator("input[name=password]")).to_have_count(0)

    # Make a plan with one commitment and the recommended rhythm.
    page.goto(f"/courses/{exercise.course.slug}/plan/{exercise.slug}/")
    page.get_by_label("When…").first.fill("a rep brings me a problem")
    page.get_by_label("I will…").first.fill("ask two open questions first")
    page.click("text=Make my plan")
    page.wait_for_url("**/my/follow-up/")
    expect(page.get_by_text("When a rep brings me a problem, I will ask two open questions first")).to_be_visible()
    expect(page.locator(".timeline li")).to_have_count(3)

    # Answer the first check-in from the emailed link on a phone, without logging in.
    plan = CommitmentPlan.objects.get(user=user)
    phone = page.context.browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        mobile = phone.new_page()
        mobile.goto(_link_path(plan))
        expect(mobile.get_by_role("heading", name="Your check-in")).to_be_visible()
        mobile.get_by_label("Partly").check()
        slider = mobile.locator("input[type=range]")
        slider.fill("8")
        assert mobile.locator("output").first.inner_text() == "8"
        mobile.get_by_label("What happened?").fill("Twice I asked first; once I forgot.")
        mobile.get_by_label("What will you do next?").fill("A sticky note on my notepad.")
        # Nothing overflows sideways on a phone.
        assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        mobile.get_by_role("button", name="Send my check-in").click()
        mobile.wait_for_url("**/check-in/thanks/")
        expect(mobile.get_by_text("your check-in is saved")).to_be_visible()
    finally:
        phone.close()
    assert CheckIn.objects.filter(plan=plan, status="answered").count() == 1

    # Back on the participant's page, the timeline shows the answer.
    page.goto("/my/follow-up/")
    first = page.locator(".timeline li").first
    assert "Answered" in first.inner_text()
    assert "Partly" in first.inner_text() and "natural 8/10" in first.inner_text()
    expect(page.locator(".bar-chart svg rect.bar-partly")).to_have_count(1)
