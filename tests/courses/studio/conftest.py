"""Shared fixtures of the studio tests: a trainer, their draft course and a lesson in it."""

from __future__ import annotations

import pytest

from courses.models import Course
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, TrainerFactory


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def course(trainer):
    return CourseFactory(trainers=[trainer], status=Course.Status.DRAFT)


@pytest.fixture
def lesson(course):
    return LessonFactory(module=ModuleFactory(course=course), body="First text.")
