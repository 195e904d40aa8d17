"""A trainer builds, previews and publishes a course in the studio; a participant enrolls.

The exercise is a reflection here (the quiz editor is registered by the exercises area;
after merge the lead switches this to a quiz). The enroll page (courses:course_enroll) is
not in this branch, so the participant enrolls through the service `enrollment_create`;
after merge, replace that with a POST from the course page.
"""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from courses.models import Course
from courses.services import enrollment_create
from tests.factories import PASSWORD, TrainerFactory, UserFactory


def login(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_studio_flow_build_preview_publish_enroll(browser_page):
    page = browser_page
    trainer = TrainerFactory(email="trainer@example.com")
    participant = UserFactory(email="participant@example.com")
    login(page, trainer.email)

    page.goto("/")
    page.get_by_role("link", name="Studio").click()
    page.get_by_role("link", name="New course").click()
    page.get_by_label("Title").fill("Coaching Basics")
    page.get_by_label("Web address (slug)").fill("coaching-basics")
    page.get_by_label("Summary").fill("Coach your team in ten minutes a day.")
    page.get_by_role("button", name="Create draft").click()
    page.get_by_text("The course was created as a draft.").wait_for()

    page.get_by_role("link", name="Add module").click()
    page.get_by_label("Title").fill("Week 1")
    page.get_by_role("button", name="Save module").click()

    page.get_by_role("link", name="Add lesson to Week 1").click()
    page.get_by_label("Title").fill("The miracle question")
    page.get_by_label("Web address (slug)").fill("miracle")
    page.get_by_label("Lesson text (Markdown)").fill("Ask the **miracle question**.\n\n<script>alert(1)</script>")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#lesson-preview")
    assert preview.locator("strong").inner_text() == "miracle question"
    assert preview.locator("script").count() == 0
    page.get_by_role("button", name="Save lesson").click()
    page.get_by_text("The lesson was added.").wait_for()

    page.goto(reverse("courses:studio_course_edit", args=["coaching-basics"]))
    page.get_by_role("link", name="Add exercise to Week 1").click()
    page.get_by_label("Kind").select_option("reflection")
    page.get_by_label("Title").fill("Your first coaching talk")
    page.get_by_label("Web address (slug)").fill("first-talk")
    page.get_by_label("Instructions or prompt (Markdown)").fill("What did you *notice*?")
    page.get_by_role("button", name="Save exercise").click()
    page.get_by_text("The exercise was added.").wait_for()

    page.goto(reverse("courses:studio_course_preview", args=["coaching-basics"]))
    assert page.locator(".studio-preview strong").first.inner_text() == "miracle question"
    assert page.locator(".studio-preview em").first.inner_text() == "notice"

    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The course is published.").wait_for()
    course = Course.objects.get(slug="coaching-basics")
    assert course.status == Course.Status.PUBLISHED

    try:
        enroll_url = reverse("courses:course_enroll", args=[course.slug])
    except NoReverseMatch:
        enroll_url = None
    if enroll_url is None:
        enrollment, created = enrollment_create(user=participant, course=course)
        assert created
    else:  # after merge: the participant enrolls from the course page
        page.context.clear_cookies()
        login(page, participant.email)
        page.goto(course.get_absolute_url())
        with page.expect_navigation():
            page.get_by_role("button", name="Enroll in this course").click()
    assert course.enrollments.filter(user=participant).exists()
