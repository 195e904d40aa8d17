"""The "For organizations" request form: a request is stored, mailed to staff through the outbox,
shown to staff only in the admin; a honeypot and a per-address rate limit stop spam, with clear
messages and never a 500."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.reminders.models import Reminder
from courses.storefront.models import OrganizationRequest
from courses.storefront.ratelimit import REQUESTS_PER_HOUR
from tests.courses.storefront.conftest import sold_course
from tests.factories import StaffFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/for-organizations/"


def _data(**extra) -> dict:
    return {
        "organization": "Acme Sales",
        "contact_name": "Olga Owner",
        "email": "olga@acme.example",
        "phone": "",
        "managers": "12",
        "course": "",
        "cohort": "",
        "message": "Twelve managers, start in spring.",
        "website": "",
    } | extra


def test_page_explains_licences_invitations_and_dashboard(client):
    """The page explains seat licences, invitations and the dashboard, and has the labelled honeypot."""
    html = client.get(URL).content.decode()
    for text in ("Seat licences", "Invitations", "Team dashboard", "Request seats for your team"):
        assert text in html
    assert 'name="website"' in html and "Leave this field empty" in html  # the labelled honeypot


def test_request_form_offers_published_courses_and_their_open_cohorts(client):
    """The preferred course and cohort are chosen from published courses and open cohorts."""
    course = sold_course()
    cohort = course.cohorts.get()
    html = client.get(URL).content.decode()
    assert f'<option value="{course.pk}">{course.title}</option>' in html
    assert f'value="{cohort.pk}"' in html


def test_request_is_stored_mailed_to_staff_and_confirmed(client, django_capture_on_commit_callbacks):
    """A request is stored, one outbox row and email per staff member (nobody else), then a thank-you page."""
    staff = [StaffFactory(), StaffFactory()]
    UserFactory()  # not staff: gets nothing
    course = sold_course()
    cohort = course.cohorts.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data(course=str(course.pk), cohort=str(cohort.pk)))
    assert response.status_code == 302 and response.url == reverse("courses:org_request_thanks")
    request = OrganizationRequest.objects.get()
    assert (request.organization, request.managers, request.course, request.cohort) == (
        "Acme Sales",
        12,
        course,
        cohort,
    )
    rows = Reminder.objects.filter(kind="org_request")
    assert sorted(rows.values_list("email", flat=True)) == sorted(s.email for s in staff)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in staff)
    assert "Acme Sales" in mail.outbox[0].subject
    assert "Twelve managers" in mail.outbox[0].body
    assert "Thank you" in client.get(response.url).content.decode()


def test_cohort_of_another_course_is_refused(client):
    """A cohort of another course than the chosen one is a form error, and nothing is stored."""
    course = sold_course()
    other = sold_course(title="Other")
    response = client.post(URL, _data(course=str(course.pk), cohort=str(other.cohorts.get().pk)))
    assert response.status_code == 400
    assert "belongs to another master class" in response.content.decode()
    assert not OrganizationRequest.objects.exists()


def test_honeypot_filled_is_refused_with_a_message_and_stores_nothing(client):
    """A filled honeypot is refused with a message a person understands; nothing stored or mailed."""
    response = client.post(URL, _data(website="http://spam.example"))
    assert response.status_code == 400
    assert "This field must stay empty" in response.content.decode()
    assert not OrganizationRequest.objects.exists()
    assert not Reminder.objects.exists()


def test_rate_limit_per_address_stops_the_sixth_request_in_an_hour(client):
    """Five requests an hour per address; the sixth is a 429 with a message, not a 500, and is not stored."""
    for _ in range(REQUESTS_PER_HOUR):
        assert client.post(URL, _data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(URL, _data(), REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Please wait an hour" in response.content.decode()
    assert OrganizationRequest.objects.count() == REQUESTS_PER_HOUR
    # Another address is not affected.
    assert client.post(URL, _data(), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_bad_input_is_a_form_error_not_a_500(client):
    """Out-of-range numbers, bad emails and unknown ids are form errors."""
    response = client.post(URL, _data(managers="0", email="not-an-email", course="987654321", cohort="x"))
    assert response.status_code == 400
    assert not OrganizationRequest.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "participant", "trainer"])
def test_admin_list_of_requests_is_refused_to_non_staff(client, who):
    """Requests hold contact details: anonymous visitors, participants and trainers are refused."""
    if who != "anonymous":
        client.force_login(UserFactory() if who == "participant" else TrainerFactory())
    response = client.get(reverse("admin:courses_organizationrequest_changelist"))
    assert response.status_code == 302 and "/login/" in response.url


def test_admin_shows_requests_to_staff_and_only_the_status_changes(client, staff_login):
    """Staff see requests; only the status can be changed, and nobody adds one by hand."""
    staff_login(client, StaffFactory())
    client.post(URL, _data())
    request = OrganizationRequest.objects.get()
    listing = client.get(reverse("admin:courses_organizationrequest_changelist"))
    assert listing.status_code == 200 and "Acme Sales" in listing.content.decode()
    change = reverse("admin:courses_organizationrequest_change", args=[request.pk])
    client.post(change, {"status": "contacted", "organization": "Changed"})
    request.refresh_from_db()
    assert (request.status, request.organization) == ("contacted", "Acme Sales")
    assert client.get(reverse("admin:courses_organizationrequest_add")).status_code == 403


def test_page_query_count_is_flat(client, django_assert_num_queries):
    """The form's choices cost the same queries for one course as for four with more cohorts."""
    sold_course()
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for n in range(3):
        sold_course(title=f"Course {n}", cohorts=3)
    # 1 published courses, 2 their open cohorts.
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL)
    assert len(small.captured_queries) == 2


def test_each_staff_member_gets_the_request_in_their_own_language(client, django_capture_on_commit_callbacks):
    """A Dutch staff member's copy is Dutch, an English one's English: the row's email finds the user."""
    dutch, english = StaffFactory(language="nl"), StaffFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data())
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient[dutch.email].subject != by_recipient[english.email].subject
    assert "Acme Sales" in by_recipient[dutch.email].subject
    assert "Aantal managers: 12" in by_recipient[dutch.email].body
    assert "Number of managers: 12" in by_recipient[english.email].body
