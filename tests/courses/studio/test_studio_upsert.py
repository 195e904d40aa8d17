"""course_import(upsert=True): the course with the file's slug is brought in line with the file in
place (ids kept, participants' work kept, nothing written when nothing differs)."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError

from courses.exercises.models import Option, Question, RubricCriterion
from courses.exercises.services import quiz_save, quiz_submit, rubric_save
from courses.learning.models import Course, Enrollment, Exercise, Lesson, LessonProgress, Module
from courses.learning.services import enrollment_create, lesson_complete
from courses.studio.exchange import COURSE_SETTINGS_KEYS, course_export_data
from courses.studio.importing import course_import
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {
        "text": f"Question {n}",
        "multiple": False,
        "options": [
            {"text": "Right", "correct": True, "explanation": "Because."},
            {"text": "Wrong", "correct": False, "explanation": ""},
        ],
    }
    for n in (1, 2)
]


@pytest.fixture
def course():
    course = CourseFactory(slug="upsert-me", title="Upsert me", delivery=Course.Delivery.COHORT)
    one, two = ModuleFactory(course=course, title="One"), ModuleFactory(course=course, title="Two")
    LessonFactory(module=one, slug="a", body="Alpha")
    LessonFactory(module=one, slug="b", body="Beta")
    LessonFactory(module=two, slug="c", body="Gamma")
    quiz = ExerciseFactory(module=one, slug="q", kind=Exercise.Kind.QUIZ)
    quiz_save(exercise=quiz, pass_mark=50, max_attempts=None, questions=QUESTIONS)
    task = ExerciseFactory(module=two, slug="t", kind=Exercise.Kind.ASSIGNMENT)
    rubric_save(exercise=task, criteria=[{"name": "Clear", "description": "", "max_score": 4}])
    return course


def _ids(course: Course) -> list:
    return [
        list(model.objects.filter(**{path: course}).order_by("pk").values_list("pk", flat=True))
        for model, path in (
            (Module, "course"),
            (Lesson, "course"),
            (Exercise, "course"),
            (Question, "quiz__exercise__course"),
            (Option, "question__quiz__exercise__course"),
            (RubricCriterion, "exercise__course"),
        )
    ]


def test_course_import_upsert_creates_the_course_under_its_own_slug():
    trainer = TrainerFactory()
    source = CourseFactory(slug="source")
    LessonFactory(module=ModuleFactory(course=source), slug="x")
    data = course_export_data(course=source)
    data["course"]["slug"] = "fresh"
    course = course_import(data=data, user=trainer, upsert=True)
    assert course.slug == "fresh" and course.status == Course.Status.DRAFT
    assert list(course.trainers.all()) == [trainer] and course.lessons.get().slug == "x"


def test_course_import_upsert_edits_in_place_and_keeps_participants_work(course):
    learner = UserFactory()
    enrollment_create(user=learner, course=course, source=Enrollment.Source.SELF)
    lesson_a = course.lessons.get(slug="a")
    lesson_complete(user=learner, lesson=lesson_a)
    quiz = course.exercises.get(slug="q")
    answers = {q.pk: [q.options.first().pk] for q in Question.objects.filter(quiz__exercise=quiz)}
    attempt = quiz_submit(user=learner, exercise=quiz, answers=answers)
    before = _ids(course)
    data = course_export_data(course=course)
    data["modules"][0]["title"] = "One, renamed"
    data["modules"][0]["lessons"][0]["body"] = "Alpha, rewritten"
    data["modules"][0]["exercises"][0]["details"]["questions"][1]["text"] = "Question 2, clearer"
    data["modules"][0]["exercises"][0]["details"]["questions"][0]["options"][1]["explanation"] = "Not quite."
    data["modules"][1]["exercises"][0]["details"]["rubric"][0]["name"] = "Clear and short"
    data["modules"][0]["lessons"].reverse()  # b before a now

    course_import(data=data, user=None, upsert=True)

    assert _ids(course) == before
    assert course_export_data(course=course) == data
    assert list(course.lessons.filter(module__position=10).order_by("position").values_list("slug", flat=True)) == [
        "b",
        "a",
    ]
    lesson_a.refresh_from_db()
    assert lesson_a.body == "Alpha, rewritten" and "rewritten" in lesson_a.body_html
    assert LessonProgress.objects.filter(user=learner, lesson=lesson_a).exists()
    attempt.refresh_from_db()
    assert set(attempt.answers) == {str(pk) for pk in answers}


def test_course_import_upsert_twice_writes_nothing_the_second_time(course):
    data = course_export_data(course=course)
    data["modules"][1]["lessons"][0]["title"] = "Changed"
    course_import(data=data, user=None, upsert=True)
    versions = list(course.lessons.order_by("pk").values_list("version", "updated_at"))
    course.refresh_from_db()
    stamp = (course.version, course.updated_at)
    course_import(data=copy.deepcopy(data), user=None, upsert=True)
    assert list(course.lessons.order_by("pk").values_list("version", "updated_at")) == versions
    course.refresh_from_db()
    assert (course.version, course.updated_at) == stamp


def test_course_import_upsert_removes_what_the_file_dropped(course):
    data = course_export_data(course=course)
    data["modules"][0]["lessons"].pop()  # lesson b
    data["modules"][0]["exercises"] = []  # the quiz
    data["modules"][0]["lessons"].append(data["modules"][1]["lessons"][0])  # c moves to module one
    data["modules"][0]["exercises"].append(data["modules"][1]["exercises"][0])
    del data["modules"][1]
    course_import(data=data, user=None, upsert=True)
    assert list(course.modules.values_list("title", flat=True)) == ["One"]
    assert sorted(course.lessons.values_list("slug", flat=True)) == ["a", "c"]
    assert list(course.exercises.values_list("slug", flat=True)) == ["t"]
    assert not Question.objects.exists()


def test_course_import_upsert_refuses_to_drop_content_participants_used_and_writes_nothing(course):
    learner = UserFactory()
    enrollment_create(user=learner, course=course, source=Enrollment.Source.SELF)
    lesson_complete(user=learner, lesson=course.lessons.get(slug="b"))
    data = course_export_data(course=course)
    data["modules"][0]["lessons"].pop()  # lesson b, which the learner completed
    data["modules"][0]["title"] = "Renamed"
    with pytest.raises(ValidationError, match="cannot be deleted"):
        course_import(data=data, user=None, upsert=True)
    assert course.lessons.filter(slug="b").exists()
    assert course.modules.filter(title="One").exists()


def test_course_import_upsert_refuses_to_remove_answered_quiz_questions(course):
    learner = UserFactory()
    enrollment_create(user=learner, course=course, source=Enrollment.Source.SELF)
    quiz = course.exercises.get(slug="q")
    quiz_submit(user=learner, exercise=quiz, answers={q.pk: [q.options.first().pk] for q in Question.objects.all()})
    data = course_export_data(course=course)
    data["modules"][0]["exercises"][0]["details"]["questions"].pop()
    with pytest.raises(ValidationError, match="already taken this quiz"):
        course_import(data=data, user=None, upsert=True)
    assert Question.objects.filter(quiz__exercise=quiz).count() == 2


def test_course_import_upsert_refuses_a_changed_kind(course):
    data = course_export_data(course=course)
    data["modules"][1]["exercises"][0].update(kind="reflection", details={})
    with pytest.raises(ValidationError, match="cannot change its kind"):
        course_import(data=data, user=None, upsert=True)
    assert course.exercises.get(slug="t").kind == Exercise.Kind.ASSIGNMENT


def test_course_import_version_1_file_keeps_settings_on_upsert_and_defaults_on_create(course):
    data = course_export_data(course=course)
    data["version"] = 1
    for key in COURSE_SETTINGS_KEYS:
        del data["course"][key]
    data["course"]["title"] = "From an old file"
    course_import(data=data, user=None, upsert=True)
    course.refresh_from_db()
    assert course.title == "From an old file" and course.delivery == Course.Delivery.COHORT
    copy_ = course_import(data=data, user=None)
    assert copy_.slug == "upsert-me-2" and copy_.delivery == Course.Delivery.SELF_PACED


def test_course_import_refuses_bad_course_settings(course):
    data = course_export_data(course=course)
    data["course"].update(delivery="sometimes", nudge_days_first=-1)
    with pytest.raises(ValidationError) as caught:
        course_import(data=data, user=None, upsert=True)
    assert "delivery “sometimes” is unknown" in caught.value.messages[0]
    assert "nudge_days_first is out of range" in caught.value.messages[1]
    data["course"].update(delivery="both", nudge_days_first=3, certificate_validity_months="12")
    with pytest.raises(ValidationError, match="certificate_validity_months must be of type int or null"):
        course_import(data=data, user=None, upsert=True)
    course.refresh_from_db()
    assert course.delivery == Course.Delivery.COHORT
