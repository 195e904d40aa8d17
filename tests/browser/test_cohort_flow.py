"""A participant chooses a cohort, sees the schedule, downloads the .ics and sees a locked module."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from courses.cohorts import services as svc
from courses.models import Course
from tests.courses.cohorts.conftest import AMS, make_cohort, make_session  # noqa: F401
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cohort_flow_enroll_schedule_ics_and_locked_module(browser_page, live_server):
    course = CourseFactory(delivery=Course.Delivery.COHORT, title="Coaching Sales Professionals", slug="csp")
    LessonFactory(module=ModuleFactory(course=course, title="Week one", position=1))
    later = ModuleFactory(course=course, title="Week two", position=2)
    svc.module_release_save(module=later, mode="days_after_enrollment", release_days=7)
    today = datetime.date.today()
    cohort = make_cohort(course=course, name="Winter run", starts_on=today + datetime.timedelta(days=3))
    make_session(
        cohort,
        title="Kick-off clinic",
        start=datetime.datetime.combine(cohort.starts_on, datetime.time(9, 30), tzinfo=AMS),
    )
    user = UserFactory()
    client = Client()
    client.force_login(user)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(reverse("courses:cohort_pick", args=[course.slug]))
    page.get_by_label("Winter run").check()
    page.get_by_role("button", name="Enroll").click()

    page.wait_for_url(f"**{reverse('courses:cohort_schedule', args=[course.slug])}")
    expect(page.get_by_text("You are enrolled in Winter run.")).to_be_visible()
    expect(page.get_by_role("cell", name="Kick-off clinic", exact=True)).to_be_visible()
    assert "09:30" in page.locator("td time").first.inner_text()
    assert "/calendar/" in page.get_by_label("Calendar link").input_value()

    with page.expect_download() as info:
        page.get_by_role("link", name="Kick-off clinic: add to calendar (.ics)").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    cal = Calendar.from_ical(open(download.path(), "rb").read())
    (event,) = cal.walk("VEVENT")
    assert "Kick-off clinic" in str(event["SUMMARY"])
    assert event.decoded("dtstart").astimezone(AMS).time() == datetime.time(9, 30)

    opens = (today + datetime.timedelta(days=7)).strftime("%-d %B %Y")
    lock = page.locator("li", has_text="Week two").locator(".module-lock")
    assert lock.inner_text() == f"Opens on {opens}"
    expect(page.locator("li", has_text="Week one").locator(".module-lock")).to_have_count(0)
