"""Export, import and duplicate: one JSON format, validated fully before anything is written."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.exercises.services import quiz_save, rubric_save
from courses.models import Course, Enrollment, LessonProgress, Option, Question, Quiz, RubricCriterion
from courses.studio import exchange
from courses.studio.exchange import course_export_data
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    ModuleFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def course(trainer):
    course = CourseFactory(
        trainers=[trainer], title="Coaching", description="## Why\n\nBecause.", outcomes="Ask\nListen"
    )
    m1 = ModuleFactory(course=course, title="One", summary="First")
    m2 = ModuleFactory(course=course, title="Two")
    LessonFactory(module=m1, slug="a", body="**A** text", video_url="https://youtu.be/dQw4w9WgXcQ")
    LessonFactory(module=m1, slug="b", body="| x | y |\n|---|---|\n| 1 | 2 |", free_preview=True, required=False)
    LessonFactory(module=m2, slug="c", body="Ünïcode ✓")
    ExerciseFactory(module=m1, slug="r1", kind="reflection", instructions="What did you notice?")
    ExerciseFactory(module=m2, slug="p1", kind="plan", instructions="Plan *it*", required=False)
    quiz = ExerciseFactory(module=m1, slug="q1", kind="quiz", instructions="Test *yourself*")
    quiz_save(
        exercise=quiz,
        pass_mark=80,
        max_attempts=3,
        questions=[
            {
                "text": "Which question is open?",
                "multiple": False,
                "options": [
                    {"text": "What happened?", "correct": True, "explanation": "Starts with *what*."},
                    {"text": "Did it work?", "correct": False, "explanation": ""},
                ],
            },
            {
                "text": "Pick the scaling questions ✓",
                "multiple": True,
                "options": [
                    {"text": "From 0 to 10…", "correct": True},
                    {"text": "On a scale…", "correct": True},
                    {"text": "Why?", "correct": False, "explanation": "Why invites defence."},
                ],
            },
        ],
    )
    assignment = ExerciseFactory(module=m2, slug="a1", kind="assignment", instructions="Record a talk")
    rubric_save(
        exercise=assignment,
        criteria=[
            {"name": "Listening", "description": "Lets the coachee talk", "max_score": 5},
            {"name": "Open questions", "max_score": 3},
        ],
    )
    ExerciseFactory(module=m2, slug="l1", kind="practice_log", instructions="Log each talk")
    return course


def upload(client, data, **extra):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post(
        reverse("courses:studio_course_import"),
        {"file": SimpleUploadedFile("course.json", raw, content_type="application/json"), **extra},
    )


def structure(course: Course) -> dict:
    """Everything a participant sees, with rendered HTML, ids and slugs of the course left out."""
    data = course_export_data(course=course)
    data["course"].pop("slug")
    html = {
        "course": course.description_html,
        "lessons": list(course.lessons.order_by("module__position", "position").values_list("body_html", flat=True)),
        "exercises": list(
            course.exercises.order_by("module__position", "position").values_list("instructions_html", flat=True)
        ),
    }
    return {"data": data, "html": html}


def test_studio_export_import_round_trip_is_identical(client, trainer, course):
    client.force_login(trainer)
    response = client.get(reverse("courses:studio_course_export", args=[course.slug]))
    assert response["Content-Disposition"].startswith("attachment")
    exported = json.loads(response.content)
    assert exported["format"] == "mc-course" and exported["version"] == exchange.VERSION
    assert len(exported["modules"]) == 2 and exported["modules"][0]["exercises"][0]["details"] == {}
    result = upload(client, response.content)
    assert result.status_code == 302
    imported = Course.objects.exclude(pk=course.pk).get()
    assert imported.status == Course.Status.DRAFT
    assert imported.slug != course.slug
    assert list(imported.trainers.all()) == [trainer]
    assert structure(imported) == structure(course)
    # The kind data came along: questions, options (with correctness and explanations) and the rubric.
    quiz_details = exported["modules"][0]["exercises"][1]["details"]
    assert quiz_details["pass_mark"] == 80 and quiz_details["max_attempts"] == 3
    assert [q["text"] for q in quiz_details["questions"]] == ["Which question is open?", "Pick the scaling questions ✓"]
    assert quiz_details["questions"][1]["options"][2] == {
        "text": "Why?",
        "correct": False,
        "explanation": "Why invites defence.",
    }
    assert exported["modules"][1]["exercises"][1]["details"]["rubric"][0] == {
        "name": "Listening",
        "description": "Lets the coachee talk",
        "max_score": 5,
    }
    assert Question.objects.filter(quiz__exercise__course=imported).count() == 2
    assert Option.objects.filter(question__quiz__exercise__course=imported, is_correct=True).count() == 3
    assert RubricCriterion.objects.filter(exercise__course=imported).count() == 2
    # Export of the import is byte-for-byte the export of the original (apart from the slug).
    again = course_export_data(course=imported)
    again["course"]["slug"] = exported["course"]["slug"]
    assert again == exported


def _quiz(data):
    return next(e for e in data["modules"][0]["exercises"] if e["kind"] == "quiz")


def _assignment(data):
    return next(e for e in data["modules"][1]["exercises"] if e["kind"] == "assignment")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _quiz(d)["details"].update(colour="red"), "quiz: unknown keys colour"),
        (lambda d: _quiz(d)["details"].pop("questions"), "quiz: missing keys questions"),
        (lambda d: _quiz(d)["details"].update(pass_mark=0), "pass_mark must be between 1 and 100"),
        (lambda d: _quiz(d)["details"].update(max_attempts="3"), "max_attempts must be of type int or null"),
        (lambda d: _quiz(d)["details"]["questions"][0].update(multiple="no"), "multiple must be of type bool"),
        (lambda d: _quiz(d)["details"]["questions"][0]["options"][0].update(correct=1), "correct must be of type bool"),
        (lambda d: _quiz(d)["details"]["questions"][0]["options"][0].pop("explanation"), "missing keys explanation"),
        (lambda d: _quiz(d)["details"]["questions"][1].update(text=" "), "questions[1].text must not be empty"),
        (lambda d: _assignment(d)["details"]["rubric"][0].update(max_score=0), "max_score must be between 1 and 100"),
        (lambda d: _assignment(d)["details"]["rubric"][0].update(max_score=True), "max_score must be of type int"),
        (lambda d: _assignment(d)["details"].update(criteria=[]), "assignment: unknown keys criteria"),
    ],
)
def test_studio_import_refuses_bad_kind_details(client, trainer, course, change, message):
    client.force_login(trainer)
    data = course_export_data(course=course)
    change(data)
    response = upload(client, data)
    content = response.content.decode()
    assert message in content and "Nothing was imported" in content
    assert Course.objects.count() == 1
    assert Question.objects.count() == 2


def test_studio_import_accepts_empty_details_from_older_exports(client, trainer, course):
    """Files exported before the quiz/assignment kinds were registered have "details": {}."""
    client.force_login(trainer)
    data = course_export_data(course=course)
    _quiz(data)["details"] = {}
    _assignment(data)["details"] = {}
    assert upload(client, data).status_code == 302
    imported = Course.objects.exclude(pk=course.pk).get()
    assert not Question.objects.filter(quiz__exercise__course=imported).exists()
    from courses.studio.services import course_publish_problems

    problems = course_publish_problems(course=imported)
    assert any("has no questions" in p for p in problems) and any("has no rubric" in p for p in problems)


def test_studio_import_refuses_unknown_keys_and_writes_nothing(client, trainer, course):
    client.force_login(trainer)
    data = course_export_data(course=course)
    bad = copy.deepcopy(data)
    bad["modules"][1]["lessons"][0]["colour"] = "red"
    before = Course.objects.count()
    response = upload(client, bad)
    content = response.content.decode()
    assert response.status_code == 200
    assert "unknown keys colour" in content and "Nothing was imported" in content
    assert Course.objects.count() == before


def test_studio_import_refuses_newer_version(client, trainer, course):
    client.force_login(trainer)
    data = course_export_data(course=course) | {"version": exchange.VERSION + 1}
    response = upload(client, data)
    assert "newer version" in response.content.decode()
    assert Course.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "one JSON object"),
        (json.dumps({"format": "other", "version": 1}).encode(), "not a course export"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_studio_import_refuses_invalid_files(client, trainer, raw, message):
    client.force_login(trainer)
    response = upload(client, raw)
    assert message in response.content.decode()
    assert not Course.objects.exists()


def test_studio_import_refuses_oversized_file(client, trainer, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 100)
    client.force_login(trainer)
    response = upload(client, b" " * 200)
    assert "too large" in response.content.decode()


def test_studio_import_bad_content_deep_inside_writes_nothing(client, trainer, course):
    client.force_login(trainer)
    data = course_export_data(course=course)
    data["modules"][1]["lessons"][0]["body"] = "> " * 40 + "deep"
    data["modules"][1]["lessons"][0]["video_url"] = "https://evil.example.com/v"
    data["modules"][0]["exercises"][0]["details"] = {"questions": []}
    response = upload(client, data)
    content = response.content.decode()
    assert "levels deep" in content and "YouTube or Vimeo" in content and "takes no details" in content
    assert Course.objects.count() == 1


def test_studio_import_wrong_types(client, trainer, course):
    client.force_login(trainer)
    data = course_export_data(course=course)
    data["course"]["estimated_hours"] = True
    data["modules"][0]["lessons"][0]["required"] = "yes"
    response = upload(client, data)
    content = response.content.decode()
    assert "estimated_hours must be of type int" in content and "required must be of type bool" in content
    assert Course.objects.count() == 1


def test_studio_duplicate_copies_content_not_participants(client, trainer, course):
    enrollment = EnrollmentFactory(course=course)
    LessonProgress.objects.create(user=enrollment.user, lesson=course.lessons.first(), course=course)
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_course_duplicate", args=[course.slug]), {"title": "Coaching 2027", "slug": "c-2027"}
    )
    assert response.status_code == 302
    copy_ = Course.objects.get(slug="c-2027")
    assert copy_.title == "Coaching 2027" and copy_.status == Course.Status.DRAFT
    assert set(copy_.trainers.all()) == set(course.trainers.all())
    assert not Enrollment.objects.filter(course=copy_).exists()
    original, duplicate = structure(course), structure(copy_)
    original["data"]["course"].pop("title")
    duplicate["data"]["course"].pop("title")
    assert original == duplicate


def test_studio_exchange_carries_the_quiz_reveal_setting(client, trainer, course):
    """A quiz's "show the correct answers" setting goes out with the export and comes back in."""
    Quiz.objects.filter(exercise__course=course).update(reveal_answers=Quiz.RevealAnswers.NEVER)
    client.force_login(trainer)
    data = course_export_data(course=course)
    assert _quiz(data)["details"]["reveal_answers"] == "never"
    assert upload(client, data).status_code == 302
    imported = Course.objects.exclude(pk=course.pk).get()
    assert Quiz.objects.get(exercise__course=imported).reveal_answers == "never"


def test_studio_import_of_a_file_without_the_reveal_setting_uses_the_default(client, trainer, course):
    """Files exported before the setting existed have no "reveal_answers": they still import."""
    client.force_login(trainer)
    data = course_export_data(course=course)
    del _quiz(data)["details"]["reveal_answers"]
    assert upload(client, data).status_code == 302
    imported = Course.objects.exclude(pk=course.pk).get()
    assert Quiz.objects.get(exercise__course=imported).reveal_answers == Quiz.RevealAnswers.AFTER_PASS


def test_studio_import_refuses_an_unknown_reveal_setting(client, trainer, course):
    client.force_login(trainer)
    data = course_export_data(course=course)
    _quiz(data)["details"]["reveal_answers"] = "sometimes"
    content = upload(client, data).content.decode()
    assert "quiz.reveal_answers must be one of" in content and "Nothing was imported" in content
    assert Course.objects.count() == 1
