"""The "practice conversation" kind in the one kinds table: studio editor, publish check, exchange
details (export, check, save) and its place in completion (approved counts, as for assignments)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.exercises.kinds import exercise_kind
from courses.learning.services import enrollment_create
from courses.models import Conversation, Course, Exercise, RubricCriterion
from tests.courses.practice.conftest import ROLE_CARD, conversation_exercise, practice_take
from tests.factories import CourseFactory, ExerciseFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _studio_world():
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer], status=Course.Status.DRAFT)
    exercise = ExerciseFactory(module=ModuleFactory(course=course), kind=Exercise.Kind.CONVERSATION, slug="talk")
    return trainer, course, exercise


def _post(exercise, **extra):
    data = {
        "title": exercise.title,
        "slug": exercise.slug,
        "instructions": "Practise out loud.",
        "required": "on",
        "conversation-scenario": "A rep blames the market.",
        "conversation-role_card": "You blame the market.",
        "conversation-max_minutes": "8",
        "conversation-peer_comments": "on",
        "rubric-TOTAL_FORMS": "1",
        "rubric-INITIAL_FORMS": "0",
        "rubric-MIN_NUM_FORMS": "0",
        "rubric-MAX_NUM_FORMS": "50",
        "rubric-0-name": "Asks the miracle question",
        "rubric-0-description": "",
        "rubric-0-max_score": "4",
        "rubric-0-position": "",
    }
    return data | extra


def test_studio_edits_scenario_role_card_limits_and_rubric(client):
    trainer, course, exercise = _studio_world()
    client.force_login(trainer)
    url = reverse("courses:studio_exercise_edit", args=[course.slug, exercise.pk])
    page = client.get(url)
    assert "conversation-role_card" in page.text and "rubric-TOTAL_FORMS" in page.text
    assert exercise_kind(exercise.kind).validate(exercise)  # nothing set yet: not publishable
    assert client.post(url, _post(exercise)).status_code == 302
    setup = Conversation.objects.get(exercise=exercise)
    assert (setup.scenario, setup.role_card, setup.max_minutes, setup.peer_comments) == (
        "A rep blames the market.", "You blame the market.", 8, True,
    )  # fmt: skip
    assert list(RubricCriterion.objects.filter(exercise=exercise).values_list("name", flat=True)) == [
        "Asks the miracle question"
    ]
    assert exercise_kind(exercise.kind).validate(exercise) == []
    bad = client.post(url, _post(exercise, **{"conversation-max_minutes": "0", "conversation-role_card": ""}))
    assert bad.status_code == 200 and Conversation.objects.get(exercise=exercise).max_minutes == 8


def test_exchange_details_round_trip_and_check():
    module = ModuleFactory()
    exercise = conversation_exercise(module)
    entry = exercise_kind(Exercise.Kind.CONVERSATION)
    details = entry.export(exercise)
    assert details["role_card"] == ROLE_CARD and details["max_minutes"] == 10 and len(details["rubric"]) == 2
    assert entry.check(details) == []
    copy = ExerciseFactory(module=module, kind=Exercise.Kind.CONVERSATION, slug="copy")
    entry.save(exercise=copy, details=details)
    assert entry.export(copy) == details
    assert entry.check({**details, "max_minutes": 0})
    assert entry.check({**details, "role_card": " "})
    assert entry.check({k: v for k, v in details.items() if k != "scenario"})
    assert entry.check({**details, "extra": 1})
    assert entry.check({}) == []


def test_participant_data_protects_the_exercise():
    module = ModuleFactory()
    exercise = conversation_exercise(module)
    entry = exercise_kind(exercise.kind)
    assert not entry.has_participant_data(exercise)
    user = UserFactory()
    enrollment_create(user=user, course=exercise.course)
    practice_take(user, exercise)
    assert entry.has_participant_data(exercise)
