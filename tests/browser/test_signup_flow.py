"""A person signs up in Chromium, opens the emailed link, confirms, logs in and logs out."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.accounts.helpers import confirm_link_from, link_path

PASSWORD = "Sales-coach-Pw-2026!"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signup_verify_login_logout_in_browser(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    email = "browser.person@example.com"

    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Bea Browser")
    page.get_by_label("Email").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    messages = [m for m in mail.outbox if m.to == [email]]
    assert len(messages) == 1
    link = confirm_link_from(messages[0].body)

    page.goto(link_path(link))
    page.locator("main form button[type=submit]").click()
    # Confirming in the browser that signed up logs the person in: no second password prompt.
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_role("link", name="Bea")).to_be_visible()
    account_nav.get_by_role("button", name="Log out").click()
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(account_nav.get_by_role("link", name="Bea")).to_be_visible()

    account_nav.get_by_role("button", name="Log out").click()
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/account/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
