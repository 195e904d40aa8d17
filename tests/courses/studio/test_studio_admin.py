"""The admin keeps the studio's rules: publishing runs the publish checks, and deleting content
(delete view, "delete selected", inline rows) or removing quiz questions, answer options and
rubric criteria is refused while participants' work refers to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.exercises import services as exercises_svc
from courses.learning.services import enrollment_create, lesson_complete
from courses.models import Course, Lesson, LessonProgress, Module, Option, Question, QuizAttempt, RubricCriterion
from tests.courses.exercises.conftest import quiz_answers, world
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, staff_login):
    return staff_login(client, StaffFactory())


@pytest.fixture
def completed_lesson():
    """A lesson one participant has completed."""
    lesson = LessonFactory()
    participant = UserFactory()
    enrollment_create(user=participant, course=lesson.course)
    lesson_complete(user=participant, lesson=lesson)
    return lesson


def test_admin_publish_action_refused_with_problems(client, staff):
    course = CourseFactory(status=Course.Status.DRAFT)  # no modules: not ready
    response = client.post(
        reverse("admin:courses_course_changelist"),
        {"action": "publish", "_selected_action": [course.pk]},
        follow=True,
    )
    course.refresh_from_db()
    assert course.status == Course.Status.DRAFT
    assert "The course has no modules." in response.content.decode()


def test_admin_publish_action_publishes_a_ready_course(client, staff):
    course = CourseFactory(status=Course.Status.DRAFT)
    LessonFactory(module=ModuleFactory(course=course))
    client.post(reverse("admin:courses_course_changelist"), {"action": "publish", "_selected_action": [course.pk]})
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED and course.published_at


def test_admin_course_form_cannot_set_the_status(client, staff):
    course = CourseFactory(status=Course.Status.DRAFT)
    html = client.get(reverse("admin:courses_course_change", args=[course.pk])).content.decode()
    assert 'name="status"' not in html


def test_admin_lesson_delete_refused_when_completed(client, staff, completed_lesson):
    url = reverse("admin:courses_lesson_delete", args=[completed_lesson.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "cannot be deleted: 1 participants have completed it" in response.content.decode()
    assert Lesson.objects.filter(pk=completed_lesson.pk).exists()
    assert LessonProgress.objects.filter(lesson=completed_lesson).count() == 1


def test_admin_unused_lesson_delete_goes_through(client, staff):
    lesson = LessonFactory()
    response = client.post(reverse("admin:courses_lesson_delete", args=[lesson.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Lesson.objects.filter(pk=lesson.pk).exists()


def test_admin_module_delete_refused_when_a_lesson_is_completed(client, staff, completed_lesson):
    module = completed_lesson.module
    response = client.post(reverse("admin:courses_module_delete", args=[module.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Module.objects.filter(pk=module.pk).exists()
    assert LessonProgress.objects.filter(lesson=completed_lesson).count() == 1


def test_admin_course_delete_refused_with_participants(client, staff, completed_lesson):
    course = completed_lesson.course
    response = client.post(reverse("admin:courses_course_delete", args=[course.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "participants are enrolled. Archive it instead." in response.content.decode()
    assert Course.objects.filter(pk=course.pk).exists()


@pytest.mark.parametrize("model", ["lesson", "module", "course"])
def test_admin_bulk_delete_refused_when_any_is_in_use(client, staff, completed_lesson, model):
    in_use = {"lesson": completed_lesson, "module": completed_lesson.module, "course": completed_lesson.course}[model]
    unused = {"lesson": LessonFactory, "module": ModuleFactory, "course": CourseFactory}[model]()
    response = client.post(
        reverse(f"admin:courses_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [in_use.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert type(in_use).objects.filter(pk__in=[in_use.pk, unused.pk]).count() == 2  # nothing deleted


def test_admin_lesson_inline_delete_refused_when_completed(client, staff, completed_lesson):
    module = completed_lesson.module
    prefix = "lessons"
    data = {
        "course": module.course.pk,
        "title": module.title,
        "summary": "",
        "position": module.position,
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 1,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
        f"{prefix}-0-id": completed_lesson.pk,
        f"{prefix}-0-module": module.pk,
        f"{prefix}-0-position": completed_lesson.position,
        f"{prefix}-0-title": completed_lesson.title,
        f"{prefix}-0-slug": completed_lesson.slug,
        f"{prefix}-0-estimated_minutes": completed_lesson.estimated_minutes,
        f"{prefix}-0-required": "on",
        f"{prefix}-0-DELETE": "on",
    }
    response = client.post(reverse("admin:courses_module_change", args=[module.pk]), data)
    assert response.status_code == 200  # the form again, with the refusal
    assert "cannot be deleted: 1 participants have completed it" in response.content.decode()
    assert Lesson.objects.filter(pk=completed_lesson.pk).exists()


@pytest.fixture
def attempted():
    """A quiz one participant has taken."""
    w = world()
    exercises_svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=1))
    return w


def _quiz_form(quiz, questions, delete_first=False):
    data = {
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts or "",
        "reveal_answers": quiz.reveal_answers,
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": len(questions),
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for i, question in enumerate(questions):
        data |= {
            f"questions-{i}-id": question.pk,
            f"questions-{i}-quiz": quiz.pk,
            f"questions-{i}-position": question.position,
            f"questions-{i}-text": f"Reworded: {question.text}",
        }
    if delete_first:
        data["questions-0-DELETE"] = "on"
    return data


def test_admin_quiz_question_removal_refused_after_attempts(client, staff, attempted):
    quiz = attempted.quiz.quiz
    questions = list(quiz.questions.all())
    url = reverse("admin:courses_quiz_change", args=[quiz.pk])
    response = client.post(url, _quiz_form(quiz, questions, delete_first=True))
    assert response.status_code == 200
    assert "Participants have already taken this quiz" in response.content.decode()
    assert quiz.questions.count() == len(questions)
    assert not quiz.questions.filter(text__startswith="Reworded").exists()


def test_admin_quiz_questions_are_edited_in_place_through_the_service(client, staff, attempted):
    quiz = attempted.quiz.quiz
    questions = list(quiz.questions.all())
    response = client.post(reverse("admin:courses_quiz_change", args=[quiz.pk]), _quiz_form(quiz, questions))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(quiz.questions.values_list("pk", flat=True)) == {q.pk for q in questions}  # same ids
    assert quiz.questions.filter(text__startswith="Reworded").count() == len(questions)


def test_admin_question_delete_refused_after_attempts(client, staff, attempted):
    question = attempted.quiz.quiz.questions.first()
    response = client.post(reverse("admin:courses_question_delete", args=[question.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "Participants have already taken this quiz" in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_admin_option_removal_refused_after_attempts(client, staff, attempted):
    question = attempted.quiz.quiz.questions.first()
    options = list(question.options.all())
    data = {
        "text": question.text,
        "options-TOTAL_FORMS": len(options),
        "options-INITIAL_FORMS": len(options),
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for i, option in enumerate(options):
        data |= {
            f"options-{i}-id": option.pk,
            f"options-{i}-question": question.pk,
            f"options-{i}-position": option.position,
            f"options-{i}-text": option.text,
            f"options-{i}-explanation": option.explanation,
        }
        if option.is_correct:
            data[f"options-{i}-is_correct"] = "on"
    data["options-0-DELETE"] = "on"
    response = client.post(reverse("admin:courses_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert "Participants have already taken this quiz" in response.content.decode()
    assert Option.objects.filter(pk=options[0].pk).exists()
    assert QuizAttempt.objects.filter(exercise=attempted.quiz).count() == 1


def test_admin_question_delete_without_attempts_goes_through_the_service(client, staff):
    w = world()
    question = w.quiz.quiz.questions.first()
    response = client.post(reverse("admin:courses_question_delete", args=[question.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def _reviewed():
    w = world()
    submission = exercises_svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    scores = {c.pk: 2 for c in RubricCriterion.objects.filter(exercise=w.assignment)}
    exercises_svc.review_submit(
        reviewer=w.trainer, submission=submission, decision="approved", feedback="Well done.", scores=scores
    )
    return w


def test_admin_rubric_criterion_removal_refused_after_reviews(client, staff):
    w = _reviewed()
    criteria = list(RubricCriterion.objects.filter(exercise=w.assignment))
    one = client.post(reverse("admin:courses_rubriccriterion_delete", args=[criteria[0].pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:courses_rubriccriterion_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in criteria], "post": "yes"},
    )
    for response in (one, bulk):
        assert response.status_code == 200
        assert "criteria cannot be removed" in response.content.decode()
    assert RubricCriterion.objects.filter(exercise=w.assignment).count() == len(criteria)


def test_admin_rubric_criterion_delete_without_reviews_goes_through(client, staff):
    w = world()
    criterion = RubricCriterion.objects.filter(exercise=w.assignment).first()
    response = client.post(reverse("admin:courses_rubriccriterion_delete", args=[criterion.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not RubricCriterion.objects.filter(pk=criterion.pk).exists()
