"""Participants' work is protected in the database: deleting the content or the person it
belongs to raises ProtectedError instead of cascading, whatever code path tries it."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from courses.exercises import services as exercises_svc
from courses.learning.services import enrollment_create, exercise_mark_complete, lesson_complete
from courses.models import Course, Exercise, Lesson, LessonProgress, Module, QuizAttempt, Submission
from courses.studio import services as studio_svc
from tests.courses.exercises.conftest import quiz_answers, world
from tests.factories import ExerciseFactory, LessonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_protect_lesson_progress_keeps_lesson_module_and_course():
    lesson = LessonFactory()
    participant = UserFactory()
    enrollment_create(user=participant, course=lesson.course)
    lesson_complete(user=participant, lesson=lesson)
    for delete in (
        lesson.delete,
        Lesson.objects.filter(pk=lesson.pk).delete,
        Module.objects.get(pk=lesson.module_id).delete,
        Course.objects.get(pk=lesson.course_id).delete,
        participant.delete,
    ):
        with pytest.raises(ProtectedError):
            delete()
    assert LessonProgress.objects.filter(lesson=lesson, user=participant).exists()


def test_protect_exercise_work_keeps_the_exercise():
    w = world()
    exercises_svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=1))
    exercises_svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    exercises_svc.reflection_submit(user=w.participant, exercise=w.reflection, text="I noticed my own advice.")
    for exercise in (w.quiz, w.assignment, w.reflection):
        with pytest.raises(ProtectedError):
            Exercise.objects.filter(pk=exercise.pk).delete()
    assert QuizAttempt.objects.filter(exercise=w.quiz).count() == 1
    assert Submission.objects.filter(exercise=w.assignment).count() == 1


def test_protect_exercise_completion_keeps_the_exercise():
    exercise = ExerciseFactory()
    participant = UserFactory()
    enrollment_create(user=participant, course=exercise.course)
    exercise_mark_complete(user=participant, exercise=exercise)
    with pytest.raises(ProtectedError):
        exercise.delete()


def test_protect_leaves_the_studio_delete_of_unused_content_working():
    lesson = LessonFactory()
    exercise = ExerciseFactory(module=lesson.module)
    studio_svc.lesson_delete(lesson=lesson)
    studio_svc.exercise_delete(exercise=exercise)
    studio_svc.module_delete(module=lesson.module)
    assert not Module.objects.filter(pk=lesson.module_id).exists()
