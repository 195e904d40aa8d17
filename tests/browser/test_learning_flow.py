"""A participant finds a course, enrolls, reads and completes two lessons, and sees progress."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CourseFactory, LessonFactory, ModuleFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_participant_enrolls_reads_completes_and_sees_progress(browser_page):
    page = browser_page
    course = CourseFactory(title="Coaching Sales Professionals", slug="coaching-sales-professionals")
    first_module = ModuleFactory(course=course, title="Leading well")
    second_module = ModuleFactory(course=course, title="The miracle question")
    LessonFactory(module=first_module, title="Why leading means coaching", slug="why", body="Leading **well**.")
    LessonFactory(module=first_module, title="The transmitting trap", slug="trap", body="Telling rarely works.")
    LessonFactory(module=second_module, title="What is the miracle question", slug="miracle", body="Imagine...")
    LessonFactory(module=second_module, title="Asking it well", slug="asking", body="Slowly.")
    user = UserFactory(email="pat@example.com")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    expect(page.get_by_role("link", name="My learning")).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name="Coaching Sales Professionals").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coaching Sales Professionals")
    page.get_by_role("button", name="Enroll in this course").click()
    expect(page.get_by_text("You are enrolled")).to_be_visible()
    expect(page.get_by_text("0% complete")).to_be_visible()

    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why leading means coaching")
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The transmitting trap")
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is the miracle question")

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text("50% complete (2 of 4 required items)")).to_be_visible()
    expect(page.locator("progress.progress-meter")).to_have_attribute("value", "50")
    page.get_by_role("link", name=re.compile("Continue where you left off")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is the miracle question")
