"""A participant of the English master class switches to its Dutch version and stays on the
course page, now the Dutch one, with their completed lessons still completed (issue 15)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from courses.learning.services import enrollment_create, lesson_complete
from courses.learning.translations import link_translation
from tests.factories import PASSWORD, CourseFactory, LessonFactory, ModuleFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_participant_switches_to_the_dutch_version(browser_page):
    page = browser_page
    english = CourseFactory(title="Coaching Sales Professionals", slug="coaching-sales-professionals")
    dutch = CourseFactory(title="Salesprofessionals coachen", slug="salesprofessionals-coachen", language="nl")
    for course, titles in ((english, ("Why leading means coaching", "The transmitting trap")),
                           (dutch, ("Waarom leidinggeven coachen is", "De zendval"))):  # fmt: skip
        module = ModuleFactory(course=course)
        for title in titles:
            LessonFactory(module=module, title=title)
    link_translation(original=english, translation=dutch)
    user = UserFactory(email="pat@example.com")
    enrollment_create(user=user, course=english)
    lesson_complete(user=user, lesson=english.lessons.order_by("position").first())

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    page.goto(english.get_absolute_url())
    expect(page.get_by_text("50% complete")).to_be_visible()
    page.get_by_role("link", name="Switch to the Dutch version").click()
    page.get_by_role("button", name="Switch to the Dutch version").click()
    expect(page).to_have_url(re.compile(re.escape(dutch.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Salesprofessionals coachen")
    expect(page.get_by_text("50% complete")).to_be_visible()
    expect(page.get_by_role("link", name="Also in English")).to_have_attribute("href", english.get_absolute_url())
