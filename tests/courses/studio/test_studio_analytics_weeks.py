"""Enrollments per week: the CASE over week boundaries gives what TruncWeek gave (issue 18 made it cheaper)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.test import override_settings

from accounts.models import User
from courses.models import Enrollment
from courses.studio.selectors import course_analytics
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
# Around both 2026 DST changes in Amsterdam (29 March, 25 October), and Sunday night/Monday morning
# edges: 2026-03-29 23:30 UTC is Monday 01:30 local, in the next week; 22:30 UTC on 2026-10-25 too.
MOMENTS = [
    dt.datetime(2026, 3, 22, 22, 59, tzinfo=UTC),
    dt.datetime(2026, 3, 22, 23, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 21, 59, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 23, 30, tzinfo=UTC),
    dt.datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 22, 30, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 23, 0, tzinfo=UTC),
    dt.datetime(2026, 11, 30, 0, 0, tzinfo=UTC),
]


def _reference(course) -> list[list]:
    rows = (
        Enrollment.objects.filter(course=course)
        .annotate(week=TruncWeek("enrolled_at", tzinfo=ZoneInfo("Europe/Amsterdam")))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week")
    )
    return [[r["week"].date().isoformat(), r["n"]] for r in rows]


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_weeks_match_truncweek_across_dst_and_midnight():
    """Each enrollment lands in its local Monday's week; weeks without enrollments are left out."""
    course = CourseFactory()
    users = User.objects.bulk_create(User(email=f"w{i}@example.com") for i in range(len(MOMENTS)))
    Enrollment.objects.bulk_create(
        Enrollment(user=u, course=course, enrolled_at=at) for u, at in zip(users, MOMENTS, strict=True)
    )
    weekly = next(t for t in course_analytics(course=course) if t.key == "enrollments")
    assert weekly.rows == _reference(course)
    assert weekly.rows[:3] == [["2026-03-16", 1], ["2026-03-23", 2], ["2026-03-30", 2]]
    assert sum(n for _week, n in weekly.rows) == len(MOMENTS)


def test_no_enrollments_no_weeks():
    course = CourseFactory()
    weekly = next(t for t in course_analytics(course=course) if t.key == "enrollments")
    assert weekly.rows == [] and weekly.chart is None


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_weeks_match_truncweek_over_two_years_and_in_one_week():
    """The CASE halves the weeks at each level: still TruncWeek's weeks over 105 weeks, and in one."""
    rng = random.Random(18)
    start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    moments = [start + dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in range(300)]
    for course, at in ((CourseFactory(), moments), (CourseFactory(), moments[:1] * 3)):
        users = User.objects.bulk_create(User(email=f"y{course.pk}-{i}@example.com") for i in range(len(at)))
        Enrollment.objects.bulk_create(
            Enrollment(user=u, course=course, enrolled_at=when) for u, when in zip(users, at, strict=True)
        )
        weekly = next(t for t in course_analytics(course=course) if t.key == "enrollments")
        assert weekly.rows == _reference(course)
        assert sum(n for _week, n in weekly.rows) == len(at)
