"""Median days (to complete, to review): the database orders the rows, Python averages the middle
one or two, and the figure is the statistics.median of the durations (issue 18 made it cheaper)."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from courses.models import Enrollment, Review, Submission
from courses.studio.selectors import course_analytics
from tests.factories import CourseFactory, ExerciseFactory, ModuleFactory

pytestmark = pytest.mark.django_db
# Durations in seconds, not in order, with fractions of a second and two close together.
DURATIONS = [3.6 * 86400 + 0.25, 0.4 * 86400, 12.2 * 86400 + 3, 2.05 * 86400 + 0.5, 2.05 * 86400 + 0.75, 7 * 86400]


def _expected(durations: list[float]) -> float:
    return round(statistics.median(durations) / 86400, 1)


def _summary_and_turnaround(course) -> tuple[list, list]:
    tables = {t.key: t for t in course_analytics(course=course)}
    return tables["summary"].rows[0], tables["turnaround"].rows[0]


@pytest.mark.parametrize("n", [5, 6])  # odd: the middle row; even: the mean of the two middle rows
def test_studio_analytics_medians_match_statistics_median(n):
    course = CourseFactory()
    assignment = ExerciseFactory(module=ModuleFactory(course=course), kind="assignment", slug="a")
    users = User.objects.bulk_create(User(email=f"m{i}@example.com", full_name=f"M {i}") for i in range(n))
    start = timezone.now() - timedelta(days=60)
    durations = DURATIONS[:n]
    for i, (user, seconds) in enumerate(zip(users, durations, strict=True)):
        enrolled = start + timedelta(hours=i)
        Enrollment.objects.create(
            user=user,
            course=course,
            enrolled_at=enrolled,
            status=Enrollment.Status.COMPLETED,
            completed_at=enrolled + timedelta(seconds=seconds),
        )
        submission = Submission.objects.create(
            user=user,
            exercise=assignment,
            course=course,
            version=1,
            text="x",
            submitted_at=enrolled,
            status=Submission.Status.APPROVED,
        )
        Review.objects.create(
            submission=submission, feedback="ok", decision="approved", reviewed_at=enrolled + timedelta(seconds=seconds)
        )
    summary, turnaround = _summary_and_turnaround(course)
    assert summary[3] == _expected(durations)
    assert turnaround == [n, 0, _expected(durations)]


def test_studio_analytics_medians_without_rows():
    course = CourseFactory()
    summary, turnaround = _summary_and_turnaround(course)
    assert summary[3] == "–" and turnaround == [0, 0, "–"]
