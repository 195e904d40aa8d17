"""In a real browser: an org admin invites by CSV; the invitee signs up from the emailed link and accepts."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Membership
from courses.models import Enrollment
from tests.courses.organizations.conftest import make_org
from tests.factories import PASSWORD


def _login(page, email: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def _logout(page) -> None:
    page.goto("/org/")
    page.get_by_role("button", name="Log out").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_org_flow_csv_invite_then_signup_opens_course_and_dashboard(browser_page, tmp_path):
    page = browser_page
    org, admin, licence = make_org(seats=5)
    csv_file = tmp_path / "team.csv"
    csv_file.write_text("Email;First_Name;Last_Name\nnina.invitee@example.com;Nina;Invitee\nbroken;X;Y\n", "utf-8-sig")

    _login(page, admin.email, f"/org/{org.slug}/import/")
    page.wait_for_url(f"**/org/{org.slug}/import/")
    page.set_input_files("input[type=file]", str(csv_file))
    page.get_by_role("button", name="Preview").click()

    rows = page.locator("#import-rows")
    assert "Invalid email address" in rows.inner_text()
    assert "New invite" in rows.inner_text()
    page.get_by_role("button", name=re.compile("Send 1 invitation")).click()
    page.wait_for_url(f"**/org/{org.slug}/")
    assert "nina.invitee@example.com" in page.locator("#pending-invitations").inner_text()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", mail.outbox[0].body).group(1)
    _logout(page)

    page.goto(link)
    page.get_by_role("link", name="Create your account").click()
    email_field = page.locator("input[name=email]")
    assert email_field.input_value() == "nina.invitee@example.com"
    assert email_field.get_attribute("readonly") is not None and email_field.is_disabled()
    assert page.locator("input[name=full_name]").input_value() == "Nina Invitee"
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    # Creating the account accepts the invitation too: no second "Accept" click (issue 14).
    with page.expect_response(lambda r: "/signup/" in r.url and r.request.method == "POST") as signed_up:
        page.get_by_role("button", name="Create account and start the course").click()
    assert signed_up.value.status == 302
    page.wait_for_url(f"**/courses/{licence.course.slug}/")
    assert "Welcome to" in page.locator("body").inner_text()

    enrollment = Enrollment.objects.get(user__email="nina.invitee@example.com")
    assert enrollment.source == "organization"
    assert Membership.objects.filter(user=enrollment.user, organization=org).exists()
    licence.refresh_from_db()
    assert licence.seats_used == 1

    _logout(page)
    _login(page, admin.email, f"/org/{org.slug}/dashboard/")
    page.wait_for_url(f"**/org/{org.slug}/dashboard/")
    assert "Nina Invitee" in page.locator("#team-progress").inner_text()
