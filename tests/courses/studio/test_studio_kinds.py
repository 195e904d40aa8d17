"""Kind-specific studio data: the quiz editor, the rubric editor, their publish checks and participant data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.exercises.services import quiz_save, rubric_save
from courses.models import Course, Exercise, Option, Question, QuizAttempt, Review, RubricCriterion, Submission
from courses.studio import services as svc
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def course(trainer):
    course = CourseFactory(trainers=[trainer], status=Course.Status.DRAFT)
    LessonFactory(module=ModuleFactory(course=course))
    return course


@pytest.fixture
def quiz(course):
    return ExerciseFactory(module=course.modules.first(), kind="quiz", title="Check-up", slug="check-up")


@pytest.fixture
def assignment(course):
    return ExerciseFactory(module=course.modules.first(), kind="assignment", title="Try it", slug="try-it")


def common(exercise, **extra):
    """POST data for the exercise's common fields plus empty quiz/rubric management forms."""
    data = {
        "title": exercise.title,
        "slug": exercise.slug,
        "instructions": "Do it.",
        "required": "on",
    }
    if exercise.kind == "quiz":
        data |= {"quiz-pass_mark": "70", "quiz-max_attempts": "", "questions-TOTAL_FORMS": "0"}
        data |= {"questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "100"}
    if exercise.kind == "assignment":
        data |= {"rubric-TOTAL_FORMS": "0", "rubric-INITIAL_FORMS": "0"}
        data |= {"rubric-MIN_NUM_FORMS": "0", "rubric-MAX_NUM_FORMS": "50"}
    return data | extra


def question(i, text, options, *, multiple=False, qid=None, initial=False):
    """Formset fields for question form i; options: [(text, correct, explanation, option id)]."""
    data = {f"questions-{i}-text": text}
    if qid:
        data[f"questions-{i}-id"] = str(qid)
    if multiple:
        data[f"questions-{i}-multiple"] = "on"
    for n, (o_text, correct, explanation, oid) in enumerate(options, start=1):
        data[f"questions-{i}-o{n}_text"] = o_text
        data[f"questions-{i}-o{n}_explanation"] = explanation
        if correct:
            data[f"questions-{i}-o{n}_correct"] = "on"
        if oid:
            data[f"questions-{i}-o{n}_id"] = str(oid)
    return data


def edit(client, course, exercise, data):
    return client.post(reverse("courses:studio_exercise_edit", args=[course.slug, exercise.pk]), data)


def publish(client, course):
    response = client.post(
        reverse("courses:studio_course_status", args=[course.slug]), {"action": "publish"}, follow=True
    )
    course.refresh_from_db()
    return response.content.decode()


# --- quiz editor -----------------------------------------------------------------------------------


def test_studio_quiz_editor_page_shows_settings_and_blank_question(client, trainer, course, quiz):
    client.force_login(trainer)
    content = client.get(reverse("courses:studio_exercise_edit", args=[course.slug, quiz.pk])).content.decode()
    assert 'name="quiz-pass_mark"' in content and 'name="questions-0-text"' in content
    assert 'name="questions-0-o1_correct"' in content and "Explanation for answer 1" in content


def test_studio_quiz_editor_creates_questions_and_options(client, trainer, course, quiz):
    client.force_login(trainer)
    data = common(quiz, **{"quiz-pass_mark": "80", "quiz-max_attempts": "3", "questions-TOTAL_FORMS": "2"})
    data |= question(
        0, "Which is open?", [("What happened?", True, "Open: what", None), ("Did it work?", False, "", None)]
    )
    data |= question(
        1, "Pick two", [("A", True, "", None), ("B", True, "", None), ("C", False, "", None)], multiple=True
    )
    data["quiz-reveal_answers"] = "always"
    response = edit(client, course, quiz, data)
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert (quiz.quiz.pass_mark, quiz.quiz.max_attempts, quiz.quiz.reveal_answers) == (80, 3, "always")
    questions = list(quiz.quiz.questions.prefetch_related("options"))
    assert [(q.text, q.multiple) for q in questions] == [("Which is open?", False), ("Pick two", True)]
    assert [(o.text, o.is_correct, o.explanation) for o in questions[0].options.all()] == [
        ("What happened?", True, "Open: what"),
        ("Did it work?", False, ""),
    ]
    # The page now shows the questions for editing, plus one blank question.
    content = client.get(reverse("courses:studio_exercise_edit", args=[course.slug, quiz.pk])).content.decode()
    assert "Which is open?" in content and 'name="questions-2-text"' in content


def test_studio_quiz_editor_updates_in_place_and_deletes(client, trainer, course, quiz):
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=None,
        questions=[
            {"text": "Q1", "options": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}]},
            {"text": "Q2", "options": [{"text": "a", "correct": True}, {"text": "b"}]},
        ],
    )
    q1, q2 = list(quiz.quiz.questions.prefetch_related("options"))
    a, b, c = list(q1.options.all())
    client.force_login(trainer)
    data = common(quiz, **{"questions-TOTAL_FORMS": "3", "questions-INITIAL_FORMS": "2"})
    # Q1 reworded, option c emptied (removed); Q2 deleted; blank form 2 untouched.
    data |= question(0, "Q1 new", [("a", False, "", a.pk), ("b", True, "", b.pk), ("", False, "", c.pk)], qid=q1.pk)
    data |= question(1, "Q2", [("a", True, "", None), ("b", False, "", None)], qid=q2.pk)
    data["questions-1-DELETE"] = "on"
    response = edit(client, course, quiz, data)
    assert response.status_code == 302
    assert list(Question.objects.filter(quiz__exercise=quiz).values_list("pk", "text")) == [(q1.pk, "Q1 new")]
    assert list(Option.objects.filter(question=q1).values_list("pk", "is_correct")) == [(a.pk, False), (b.pk, True)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (question(0, "No options", []), "at least two answer options"),
        (question(0, "One option", [("only", True, "", None)]), "at least two answer options"),
        (
            question(0, "Two right", [("a", True, "", None), ("b", True, "", None)]),
            "single-choice question has exactly one correct answer",
        ),
        (
            question(0, "", [("a", True, "", None), ("b", False, "", None)]),
            "This field is required",
        ),
        (
            question(0, "Stray tick", [("a", True, "", None), ("b", False, "", None), ("", True, "", None)]),
            "Write the answer",
        ),
        ({"quiz-pass_mark": "0"}, "greater than or equal to 1"),
        ({"quiz-pass_mark": "101"}, "less than or equal to 100"),
        ({"quiz-max_attempts": "0"}, "greater than or equal to 1"),
    ],
)
def test_studio_quiz_editor_bad_input_changes_nothing(client, trainer, course, quiz, fields, message):
    client.force_login(trainer)
    data = common(quiz, **{"questions-TOTAL_FORMS": "1", "instructions": "Changed?"}) | fields
    response = edit(client, course, quiz, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.filter(quiz__exercise=quiz).exists()
    quiz.refresh_from_db()
    assert quiz.instructions != "Changed?"


def test_studio_quiz_with_attempts_refuses_removing_questions(client, trainer, course, quiz):
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=None,
        questions=[{"text": "Q1", "options": [{"text": "a", "correct": True}, {"text": "b"}]}],
    )
    q1 = quiz.quiz.questions.get()
    a, b = list(q1.options.all())
    QuizAttempt.objects.create(
        user=UserFactory(), exercise=quiz, number=1, score=100, passed=True, answers={str(q1.pk): [a.pk]}
    )
    client.force_login(trainer)
    data = common(quiz, **{"questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "1"})
    data |= question(0, "Q1", [("a", True, "", a.pk), ("b", False, "", b.pk)], qid=q1.pk)
    data["questions-0-DELETE"] = "on"
    page = client.get(reverse("courses:studio_exercise_edit", args=[course.slug, quiz.pk])).content.decode()
    assert "questions can be reworded but not removed" in page
    response = edit(client, course, quiz, data)
    assert "Participants have already taken this quiz" in response.content.decode()
    assert Question.objects.filter(pk=q1.pk).exists()
    # Rewording is still allowed; the exercise itself cannot be deleted.
    del data["questions-0-DELETE"]
    data["questions-0-text"] = "Q1 clearer"
    assert edit(client, course, quiz, data).status_code == 302
    assert Question.objects.get(pk=q1.pk).text == "Q1 clearer"
    with pytest.raises(svc.ContentInUse):
        svc.exercise_delete(exercise=quiz)


# --- rubric editor ---------------------------------------------------------------------------------


def criterion(i, name, max_score, *, description="", position="", cid=None):
    data = {
        f"rubric-{i}-name": name,
        f"rubric-{i}-description": description,
        f"rubric-{i}-max_score": str(max_score),
        f"rubric-{i}-position": str(position),
    }
    if cid:
        data[f"rubric-{i}-id"] = str(cid)
    return data


def test_studio_rubric_editor_creates_orders_and_deletes(client, trainer, course, assignment):
    client.force_login(trainer)
    data = common(assignment, **{"rubric-TOTAL_FORMS": "2"})
    data |= criterion(0, "Listening", 4, description="Lets the coachee talk", position=20)
    data |= criterion(1, "Questions", 5, position=10)
    assert edit(client, course, assignment, data).status_code == 302
    rows = list(RubricCriterion.objects.filter(exercise=assignment).order_by("position"))
    assert [(r.name, r.max_score, r.description) for r in rows] == [
        ("Questions", 5, ""),
        ("Listening", 4, "Lets the coachee talk"),
    ]
    questions, listening = rows
    data = common(assignment, **{"rubric-TOTAL_FORMS": "2", "rubric-INITIAL_FORMS": "2"})
    data |= criterion(0, "Open questions", 5, position=10, cid=questions.pk)
    data |= criterion(1, "Listening", 4, position=20, cid=listening.pk) | {"rubric-1-DELETE": "on"}
    assert edit(client, course, assignment, data).status_code == 302
    assert list(RubricCriterion.objects.filter(exercise=assignment).values_list("pk", "name")) == [
        (questions.pk, "Open questions")
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (criterion(0, "Listening", 0), "The maximum score must be at least 1."),
        (criterion(0, "Listening", -2), "The maximum score must be at least 1."),
        (criterion(0, "", 4, description="No name"), "This field is required"),
        (criterion(0, "Listening", "many"), "Enter a whole number"),
    ],
)
def test_studio_rubric_editor_bad_input_changes_nothing(client, trainer, course, assignment, fields, message):
    client.force_login(trainer)
    data = common(assignment, **{"rubric-TOTAL_FORMS": "1", "title": "Renamed"}) | fields
    response = edit(client, course, assignment, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RubricCriterion.objects.filter(exercise=assignment).exists()
    assignment.refresh_from_db()
    assert assignment.title == "Try it"


def test_studio_rubric_with_reviews_refuses_removing_criteria(trainer, course, assignment):
    rubric_save(exercise=assignment, criteria=[{"name": "Listening"}])
    row = RubricCriterion.objects.get(exercise=assignment)
    submission = Submission.objects.create(
        user=UserFactory(), exercise=assignment, course=course, version=1, text="x", status="approved"
    )
    Review.objects.create(submission=submission, feedback="ok", decision="approved", scores={str(row.pk): 3})
    with pytest.raises(Exception, match="criteria cannot be removed"):
        svc.rubric_criteria_save(exercise=assignment, criteria=[{"id": row.pk, "delete": True}])
    assert RubricCriterion.objects.filter(pk=row.pk).exists()
    with pytest.raises(svc.ContentInUse):
        svc.exercise_delete(exercise=assignment)


# --- publish checks --------------------------------------------------------------------------------


def test_studio_publish_refuses_quiz_without_correct_answer_then_accepts(client, trainer, course, quiz):
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=None,
        questions=[{"text": "Q1", "options": [{"text": "a"}, {"text": "b"}]}],
    )
    client.force_login(trainer)
    content = publish(client, course)
    assert "cannot be published yet" in content
    assert "Quiz “Check-up”: question 1 has no correct answer." in content
    assert course.status == Course.Status.DRAFT
    Option.objects.filter(question__quiz__exercise=quiz, text="a").update(is_correct=True)
    assert "The course is published." in publish(client, course)
    assert course.status == Course.Status.PUBLISHED


def test_studio_publish_refuses_quiz_without_questions_and_single_choice_with_two_answers(course, quiz):
    assert svc.course_publish_problems(course=course) == ["Quiz “Check-up” has no questions."]
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=None,
        questions=[{"text": "Q1", "options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]}],
    )
    assert svc.course_publish_problems(course=course) == [
        "Quiz “Check-up”: question 1 is single-choice but has 2 correct answers."
    ]
    Question.objects.filter(quiz__exercise=quiz).update(multiple=True)
    assert svc.course_publish_problems(course=course) == []


def test_studio_publish_refuses_assignment_without_rubric_then_accepts(client, trainer, course, assignment):
    client.force_login(trainer)
    content = publish(client, course)
    assert "Assignment “Try it” has no rubric: add at least one criterion." in content
    assert course.status == Course.Status.DRAFT
    rubric_save(exercise=assignment, criteria=[{"name": "Listening", "max_score": 4}])
    assert "The course is published." in publish(client, course)
    assert course.status == Course.Status.PUBLISHED


@pytest.mark.parametrize("kind", ["reflection", "plan", "practice_log"])
def test_studio_plain_kinds_publish_with_prompt_only(course, kind):
    ExerciseFactory(module=course.modules.first(), kind=kind, instructions="Your prompt")
    assert svc.course_publish_problems(course=course) == []


def test_studio_reflection_with_responses_is_not_deleted(course):
    from courses.models import ReflectionResponse

    exercise = ExerciseFactory(module=course.modules.first(), kind=Exercise.Kind.REFLECTION)
    ReflectionResponse.objects.create(user=UserFactory(), exercise=exercise, text="draft")
    with pytest.raises(svc.ContentInUse):
        svc.exercise_delete(exercise=exercise)


def test_studio_preview_shows_quiz_questions_and_rubric(
    client, trainer, course, quiz, assignment, django_assert_num_queries
):
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=2,
        questions=[{"text": "Open or closed?", "options": [{"text": "Open", "correct": True}, {"text": "Closed"}]}],
    )
    rubric_save(exercise=assignment, criteria=[{"name": "Listening", "max_score": 4}])
    ExerciseFactory(module=course.modules.first(), kind="reflection")
    client.force_login(trainer)
    url = reverse("courses:studio_course_preview", args=[course.slug])
    content = client.get(url).content.decode()
    assert "Open or closed?" in content and "2 attempts." in content and "Listening (0–4 points)" in content
    # More questions and criteria cost no extra query on the preview.
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    quiz_save(
        exercise=quiz,
        pass_mark=70,
        max_attempts=2,
        questions=[
            {"text": f"Q{i}", "options": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}]}
            for i in range(8)
        ],
    )
    rubric_save(exercise=assignment, criteria=[{"name": f"C{i}"} for i in range(6)])
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)
