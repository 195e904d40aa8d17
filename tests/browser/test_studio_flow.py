"""A trainer builds a course with a lesson and a quiz in the studio, previews and publishes it;
a participant enrolls from the course page and passes the quiz."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Course, ExerciseCompletion, QuizAttempt
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
    page.get_by_label("Kind").select_option("quiz")
    page.get_by_label("Title").fill("Check your questions")
    page.get_by_label("Web address (slug)").fill("check")
    page.get_by_label("Instructions or prompt (Markdown)").fill("Which question would you *ask*?")
    page.get_by_role("button", name="Save exercise").click()
    page.get_by_text("The exercise was added.").wait_for()

    # The quiz editor: settings, one question with two options, one of them correct.
    page.get_by_label("Pass mark (percent)").fill("100")
    page.get_by_role("textbox", name="Question", exact=True).fill("Which question opens a coaching talk?")
    page.get_by_label("Answer 1", exact=True).fill("What would be different tomorrow?")
    page.get_by_label("Answer 1 is correct").check()
    page.get_by_label("Explanation for answer 1").fill("An open, future-focused question.")
    page.get_by_label("Answer 2", exact=True).fill("Why did you not do it?")
    page.get_by_role("button", name="Save exercise").click()
    page.get_by_text("The exercise was saved.").wait_for()
    saved = page.get_by_role("group", name="Question 1")
    assert saved.get_by_label("Answer 1", exact=True).input_value() == "What would be different tomorrow?"

    page.goto(reverse("courses:studio_course_preview", args=["coaching-basics"]))
    assert page.locator(".studio-preview strong").first.inner_text() == "miracle question"
    assert page.locator(".studio-preview em").first.inner_text() == "ask"

    page.get_by_role("link", name="Content", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The course is published.").wait_for()
    course = Course.objects.get(slug="coaching-basics")
    assert course.status == Course.Status.PUBLISHED

    # The participant enrolls from the course page and passes the quiz.
    page.context.clear_cookies()
    login(page, participant.email)
    page.goto(course.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("button", name="Enroll in this course").click()
    assert course.enrollments.filter(user=participant).exists()
    page.goto(reverse("courses:exercise_detail", args=["coaching-basics", "check"]))
    page.get_by_label("What would be different tomorrow?").check()
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_test_id("quiz-passed").wait_for()
    attempt = QuizAttempt.objects.get(user=participant)
    assert attempt.passed and attempt.score == 100
    assert ExerciseCompletion.objects.filter(user=participant, exercise__slug="check").exists()
