"""seed_demo loads the demo course files through the studio's import (upsert): twice gives the same
rows with the same ids, participants' work survives, and the files are exactly what the studio exports."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from courses.demo.seed import demo_course_files, demo_translation_files, seed_courses, seed_users
from courses.exercises.models import Option, Question, Quiz, RubricCriterion, Submission
from courses.exercises.services import quiz_submit
from courses.learning.models import Course, Enrollment, Exercise, Lesson, LessonProgress, Module
from courses.learning.services import enrollment_create, lesson_complete
from courses.studio.exchange import VERSION, course_export_data, exchange_check, exchange_dumps
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTENT = (Course, Module, Lesson, Exercise, Quiz, Question, Option, RubricCriterion)


def _ids() -> dict[str, list]:
    rows = {model.__name__: list(model.objects.order_by("pk").values_list("pk", flat=True)) for model in CONTENT}
    rows["versions"] = list(Lesson.objects.order_by("pk").values_list("version", flat=True))
    for model in (Enrollment, LessonProgress, Submission):
        rows[model.__name__] = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return rows


def test_demo_course_files_pass_the_exchange_check_and_are_pretty_printed():
    files = demo_course_files()
    assert [path.stem for path in files] == ["coaching-sales-professionals", "successfully-changing-behavior"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert exchange_check(data) == [], path.name
        assert data["version"] == VERSION and data["course"]["slug"] == path.stem
        assert text == exchange_dumps(data) + "\n", f"{path.name}: not in the studio's export layout"


def test_seed_demo_twice_gives_the_same_rows_and_ids():
    call_command("seed_demo", stdout=io.StringIO())
    first = _ids()
    call_command("seed_demo", stdout=io.StringIO())
    assert _ids() == first
    # Each demo master class in English, plus its translations (courses/demo/courses/<language>/).
    assert len(first["Course"]) == 2 + len(demo_translation_files())
    assert len(first["Question"]) > 10
    # 7 of the two assignments, 4 of the practice conversation (Coaching Sales Professionals).
    assert RubricCriterion.objects.filter(exercise__course__language="en").count() == 11


def test_seed_demo_export_of_each_course_equals_its_file():
    call_command("seed_demo", stdout=io.StringIO())
    for path in demo_course_files():
        course = Course.objects.get(slug=path.stem)
        assert exchange_dumps(course_export_data(course=course)) + "\n" == path.read_text(encoding="utf-8")
    coaching = Course.objects.get(slug="coaching-sales-professionals")
    assert coaching.delivery == Course.Delivery.BOTH and coaching.status == Course.Status.PUBLISHED


def test_seed_courses_again_keeps_participants_progress_and_attempts():
    users = seed_users()
    seed_courses(users)
    learner = UserFactory()
    lesson = Lesson.objects.get(course__slug="successfully-changing-behavior", slug="wanting-versus-doing")
    lesson_complete(user=learner, lesson=lesson)
    quiz = Exercise.objects.filter(course=lesson.course, kind=Exercise.Kind.QUIZ).first()
    answers = {q.pk: [q.options.first().pk] for q in Question.objects.filter(quiz__exercise=quiz)}
    question, option_id = next(iter(answers.items()))
    enrollment_create(user=learner, course=lesson.course, source=Enrollment.Source.SELF)
    attempt = quiz_submit(user=learner, exercise=quiz, answers=answers)
    # A developer edited a lesson title by hand: the next run puts the file's back, in place.
    Lesson.objects.filter(pk=lesson.pk).update(title="Edited by hand")
    seed_courses(users)
    lesson.refresh_from_db()
    assert lesson.title == "Wanting versus doing"
    assert LessonProgress.objects.filter(user=learner, lesson=lesson).exists()
    attempt.refresh_from_db()
    assert attempt.answers[str(question)] == option_id
    assert Question.objects.filter(pk=question).exists() and Option.objects.filter(pk=option_id[0]).exists()
