"""Studio input goes through forms and typed parsers: bad input is a clear 4xx and changes nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from courses.exercises.details import MAX_CRITERIA, MAX_QUESTIONS
from courses.models import Course, Module
from courses.studio.editors import EDITORS, QuestionFormSet, QuizSettingsForm, kind_editor_forms
from courses.studio.forms import order_ids_parse
from tests.factories import ExerciseFactory, ModuleFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def test_studio_item_move_unknown_direction_is_400_and_keeps_order(client, trainer, course):
    first, second = ModuleFactory(course=course, position=10), ModuleFactory(course=course, position=20)
    client.force_login(trainer)
    url = reverse("courses:studio_item_move", args=[course.slug, "module", second.pk])
    assert client.post(url, {"direction": "sideways"}).status_code == 400
    assert list(Module.objects.filter(course=course).order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"ids": "12"}',
        b'{"ids": [true]}',
        b'{"ids": [1e400]}',
        b'{"ids": [99999999999999999999999]}',
    ]
    + [("[" * 5000 + "]" * 5000).encode()],
)
def test_studio_item_order_bad_body_is_400(client, trainer, course, body):
    ModuleFactory(course=course)
    client.force_login(trainer)
    url = reverse("courses:studio_item_order", args=[course.slug, "modules", course.pk])
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400 and response.json()["ok"] is False


def test_order_ids_parse_reads_ids():
    assert order_ids_parse(json.dumps({"ids": [3, "2", 1]}).encode()) == [3, 2, 1]


def test_studio_course_status_unknown_action_changes_nothing(client, trainer, course):
    client.force_login(trainer)
    response = client.post(reverse("courses:studio_course_status", args=[course.slug]), {"action": "delete"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == Course.Status.DRAFT


def test_studio_analytics_unknown_format_is_400(client, trainer, course):
    client.force_login(trainer)
    url = reverse("courses:studio_analytics", args=[course.slug])
    assert client.get(url, {"format": "xls"}).status_code == 400
    assert client.get(url, {"format": "csv", "table": "nope"}).status_code == 404
    assert client.get(url, {"format": "csv", "table": "summary"}).status_code == 200


def test_studio_trainers_remove_someone_not_teaching_is_404(client, course, trainer, staff_login):
    trainer.is_staff = True
    trainer.save()
    stranger = TrainerFactory()
    staff_login(client, trainer)
    url = reverse("courses:studio_trainers", args=[course.slug])
    assert client.post(url, {"remove": stranger.pk}).status_code == 404
    assert client.post(url, {"remove": "x"}).status_code == 404
    assert list(course.trainers.all()) == [trainer]


def test_studio_lesson_preview_nul_is_400(client, trainer, course):
    client.force_login(trainer)
    response = client.post(reverse("courses:studio_lesson_preview", args=[course.slug]), {"body": "a\x00b"})
    assert response.status_code == 400 and response.json()["ok"] is False


def test_studio_editors_parse_details_and_never_save(course):
    """The kinds' editor forms parse the kind's details; the studio's service writes them."""
    quiz = ExerciseFactory(module=ModuleFactory(course=course), kind="quiz")
    assert set(EDITORS) == {"quiz", "assignment", "conversation"}
    settings_form, formset = kind_editor_forms(quiz, {"quiz-pass_mark": "80", "quiz-max_attempts": ""})
    assert isinstance(settings_form, QuizSettingsForm) and isinstance(formset, QuestionFormSet)
    assert settings_form.is_valid() and settings_form.details() == {
        "pass_mark": 80,
        "max_attempts": None,
        "reveal_answers": None,  # not sent: the quiz keeps its setting
    }
    assert not hasattr(settings_form, "save") and not hasattr(formset, "save")
    assert kind_editor_forms(ExerciseFactory(module=quiz.module, kind="reflection")) == []


@pytest.mark.parametrize("kind", ["quiz", "assignment"])
def test_studio_kind_editor_posted_form_count_is_capped(course, kind):
    """A posted TOTAL_FORMS of 100,000 builds no more forms than a quiz or rubric may hold
    (Django's default allows 1,000 extra forms, each rendered back on the error page)."""
    exercise = ExerciseFactory(module__course=course, kind=kind)
    prefix = "questions" if kind == "quiz" else "rubric"
    data = {f"{prefix}-TOTAL_FORMS": "100000", f"{prefix}-INITIAL_FORMS": "0", "quiz-pass_mark": "80"}
    formset = kind_editor_forms(exercise, data)[-1]
    limit = MAX_QUESTIONS if kind == "quiz" else MAX_CRITERIA
    assert formset.total_form_count() == limit
    assert not formset.is_valid()
