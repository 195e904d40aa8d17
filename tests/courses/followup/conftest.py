"""Builders shared by the follow-up tests (no tests in this module)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from courses.followup.services import CommitmentInput, plan_create
from courses.models import Enrollment, Exercise
from tests.factories import CourseFactory, EnrollmentFactory, ExerciseFactory, ModuleFactory, UserFactory


def plan_exercise(course=None) -> Exercise:
    course = course or CourseFactory()
    return ExerciseFactory(module=ModuleFactory(course=course), kind=Exercise.Kind.PLAN, title="My commitment plan")


def participant(course, **kwargs):
    user = UserFactory(**kwargs)
    EnrollmentFactory(user=user, course=course)
    return user


def commitments(n: int = 2) -> list[CommitmentInput]:
    return [CommitmentInput(f"when situation {i}", f"I will do thing {i}", f"because {i}") for i in range(1, n + 1)]


def make_plan(user, exercise, *, n: int = 2, dates=None, buddy_email: str = ""):
    return plan_create(
        user=user, exercise=exercise, commitments=commitments(n), checkin_dates=dates, buddy_email=buddy_email
    )


def make_due(checkin, *, ago: datetime.timedelta = datetime.timedelta(hours=1)):
    checkin.due_at = timezone.now() - ago
    checkin.save(update_fields=["due_at"])
    return checkin


def complete_course(user, course):
    Enrollment.objects.filter(user=user, course=course).update(
        status=Enrollment.Status.COMPLETED, completed_at=timezone.now()
    )
