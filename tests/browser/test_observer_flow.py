"""A participant names three observers; each answers on a phone from the emailed link; the
observers' average appears only after the third answer."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from courses.models import CommitmentPlan
from courses.reminders.engine import reminders_send_batch, reminders_sweep
from tests.courses.followup.conftest import make_plan, participant, plan_exercise
from tests.factories import PASSWORD

PHONE = {"width": 360, "height": 780}
EMAILS = ["ana@example.com", "ben@example.com", "cas@example.com"]


def _emailed_links() -> dict[str, str]:
    result = reminders_sweep()
    for ids in result.batches:
        reminders_send_batch(ids=ids)
    links = {}
    for message in mail.outbox:
        found = re.search(r"https?://[^/\s]+(/observe/[^\s]+/)", message.body)
        if found and message.to[0] in EMAILS:
            links[message.to[0]] = found.group(1)
    return links


def _answer_on_phone(page, live_server, path: str, value: str) -> None:
    phone = page.context.browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        mobile = phone.new_page()
        mobile.goto(path)
        expect(mobile.get_by_role("heading", name=re.compile("How often do you see this"))).to_be_visible()
        mobile.locator(f"input[type=radio][value='{value}']").first.check()
        assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        mobile.get_by_role("button", name="Send my answers").click()
        mobile.wait_for_load_state()
        expect(mobile.get_by_role("heading", name="Thank you, your answers are in")).to_be_visible()
    finally:
        phone.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_observer_flow_three_answers_on_phone_then_the_average(browser_page, live_server):
    page = browser_page
    exercise = plan_exercise()
    user = participant(exercise.course, full_name="Alex Manager")
    make_plan(user, exercise, n=1)
    plan = CommitmentPlan.objects.get(user=user)

    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    expect(page.locator("input[name=password]")).to_have_count(0)

    page.goto(f"/my/follow-up/plans/{plan.pk}/observers/")
    page.get_by_label("Your observers' email addresses").fill("\n".join(EMAILS))
    page.get_by_label(re.compile("What your observers can see")).fill("In our one-to-ones, Alex asks before advising.")
    page.get_by_role("button", name="Save observers").click()
    page.wait_for_url(f"**/my/follow-up/plans/{plan.pk}/observers/")
    expect(page.get_by_text("Saved. Your observers get their link by email.")).to_be_visible()

    links = _emailed_links()
    assert sorted(links) == EMAILS
    for i, (email, value) in enumerate(zip(EMAILS, ["4", "5", "6"], strict=True)):
        _answer_on_phone(page, live_server, links[email], value)
        page.reload()
        cell = page.locator(".observer-table tbody tr").first.locator(".observer-average")
        if i < 2:
            assert cell.inner_text() == "waiting for more answers"
        else:
            assert cell.inner_text() == "5.0"
    assert page.locator(".observer-results .line-chart svg circle").count() >= 1
