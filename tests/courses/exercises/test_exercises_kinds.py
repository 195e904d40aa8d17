"""The one table of exercise kinds (courses/exercises/kinds.py) and the writers its entries name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.urls import reverse

from courses.exercises import services as svc
from courses.exercises.kinds import KINDS, PLACEHOLDER_TEMPLATE, exercise_kind
from courses.models import Exercise, Question, Quiz, ReflectionResponse, Review, RubricCriterion
from tests.courses.exercises.conftest import QUESTIONS, quiz_answers, world

pytestmark = pytest.mark.django_db


def test_kinds_table_has_one_entry_per_exercise_kind():
    assert set(KINDS) == set(Exercise.Kind.values)
    assert all(entry.kind == kind and entry.supported for kind, entry in KINDS.items())


@pytest.mark.parametrize("kind", Exercise.Kind.values)
def test_kinds_table_names_an_existing_partial_for_each_kind(kind):
    template = KINDS[kind].template
    assert template != PLACEHOLDER_TEMPLATE
    get_template(template)  # raises TemplateDoesNotExist for a wrong name


def test_exercise_kind_without_entry_is_unsupported_and_never_publishes():
    entry = exercise_kind("video")
    exercise = Exercise(kind="video", title="Watch")
    assert not entry.supported and entry.page is None and entry.template == PLACEHOLDER_TEMPLATE
    assert entry.validate(exercise) and entry.export(exercise) == {}


def test_exercise_kind_has_participant_data_per_kind():
    w = world()
    assert not KINDS["reflection"].has_participant_data(w.reflection)
    svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text="Draft")
    assert KINDS["reflection"].has_participant_data(w.reflection)
    assert not KINDS["plan"].has_participant_data(w.plan)
    assert not KINDS["quiz"].has_participant_data(w.quiz)
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    assert KINDS["quiz"].has_participant_data(w.quiz)


def test_quiz_details_save_import_shape_then_editor_shape_updates_in_place():
    w = world()
    before = list(Question.objects.filter(quiz__exercise=w.quiz).order_by("position").values_list("pk", flat=True))
    exported = KINDS["quiz"].export(w.quiz)
    # The editor sends the same shape with ids: rows keep their ids, wording changes.
    first = Question.objects.get(pk=before[0])
    exported["questions"][0] |= {"id": first.pk, "text": "Reworded?"}
    exported["questions"][0]["options"] = [
        {"id": o.pk, "text": o.text, "correct": o.is_correct, "explanation": ""} for o in first.options.all()
    ]
    for q, pk in zip(exported["questions"][1:], before[1:], strict=True):
        q["id"] = pk
        q["options"] = [
            {"id": o.pk, "text": o.text, "correct": o.is_correct, "explanation": o.explanation}
            for o in Question.objects.get(pk=pk).options.all()
        ]
    KINDS["quiz"].save(exercise=w.quiz, details=exported)
    after = list(Question.objects.filter(quiz__exercise=w.quiz).order_by("position").values_list("pk", flat=True))
    assert after == before
    assert Question.objects.get(pk=before[0]).text == "Reworded?"


def test_quiz_save_refuses_replacing_questions_once_attempted():
    w = world()
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    ids = set(Question.objects.filter(quiz__exercise=w.quiz).values_list("pk", flat=True))
    with pytest.raises(ValidationError) as exc:
        svc.quiz_save(exercise=w.quiz, pass_mark=60, max_attempts=None, questions=QUESTIONS)
    assert exc.value.code == "in_use"
    assert set(Question.objects.filter(quiz__exercise=w.quiz).values_list("pk", flat=True)) == ids
    assert Quiz.objects.get(exercise=w.quiz).pass_mark == 50


def test_rubric_save_refuses_replacing_a_reviewed_rubric():
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    scores = {c.pk: 1 for c in w.assignment.rubric_criteria.all()}
    svc.review_submit(reviewer=w.trainer, submission=submission, decision="approved", feedback="Ok", scores=scores)
    with pytest.raises(ValidationError):
        svc.rubric_save(exercise=w.assignment, criteria=[{"name": "New", "max_score": 2}])
    assert set(RubricCriterion.objects.filter(exercise=w.assignment).values_list("pk", flat=True)) == set(scores)
    assert Review.objects.get().scores == {str(pk): 1 for pk in scores}


def test_assignment_details_save_keeps_the_list_order_as_positions():
    w = world()
    rubric = {
        "rubric": [{"name": "A", "description": "", "max_score": 2}, {"name": "B", "description": "", "max_score": 3}]
    }
    svc.rubric_criteria_save(exercise=w.assignment, criteria=[])
    KINDS["assignment"].save(exercise=w.assignment, details=rubric)
    rows = list(
        RubricCriterion.objects.filter(exercise=w.assignment).order_by("position").values_list("name", "position")
    )
    assert rows == [("A", 10), ("B", 20)]


def test_reflection_page_nul_text_is_400_and_saves_nothing(client):
    w = world()
    client.force_login(w.participant)
    response = client.post(w.reflection.get_absolute_url(), {"text": "bad\x00text", "action": "submit"})
    assert response.status_code == 400
    assert not ReflectionResponse.objects.exists()


def test_reflection_draft_nul_text_is_400_and_saves_nothing(client):
    w = world()
    client.force_login(w.participant)
    url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    response = client.post(url, {"text": "bad\x00text"})
    assert response.status_code == 400 and response.json()["ok"] is False
    assert not ReflectionResponse.objects.exists()


def test_review_queue_huge_course_id_falls_back_to_all_courses(client):
    w = world()
    svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    client.force_login(w.trainer)
    response = client.get(reverse("courses:review_queue"), {"course": "9" * 30, "state": "nonsense"})
    assert response.status_code == 200
    assert response.context["course_id"] is None and response.context["state"] == "submitted"
    assert len(response.context["page"].object_list) == 1


def test_quiz_page_huge_attempt_id_shows_no_result(client):
    w = world()
    client.force_login(w.participant)
    response = client.get(w.quiz.get_absolute_url(), {"attempt": "9" * 30})
    assert response.status_code == 200 and response.context["result"] is None
