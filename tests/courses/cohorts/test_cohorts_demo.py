"""The demo cohort and drip release are seeded, and seeding twice duplicates nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from courses.cohorts import selectors as sel
from courses.demo.cohorts import BEHAVIOR, COACHING, seed_cohorts
from courses.models import Attendance, Cohort, CohortMembership, Enrollment, LiveSession, ModuleRelease
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = [pytest.mark.django_db]


def _courses():
    """Stand-ins for what seed_courses creates (that seed lives in another area)."""
    coaching = CourseFactory(slug=COACHING, title="Coaching Sales Professionals")
    for _ in range(4):
        LessonFactory(module=ModuleFactory(course=coaching))
    behavior = CourseFactory(slug=BEHAVIOR, title="Successfully Changing Behavior")
    for _ in range(4):
        ModuleFactory(course=behavior)
    return coaching, behavior


def test_seed_cohorts_demo_data_and_idempotent():
    coaching, behavior = _courses()
    users = {"participant": UserFactory(), "trainer": TrainerFactory()}
    seed_cohorts(users)
    seed_cohorts(users)
    cohort = Cohort.objects.get(course=coaching)
    assert cohort.starts_on == timezone.localdate() - datetime.timedelta(days=14)
    assert cohort.seats_taken == 1
    assert CohortMembership.objects.filter(cohort=cohort).count() == 1
    sessions = list(LiveSession.objects.filter(cohort=cohort))
    now = timezone.now()
    assert len(sessions) == 4
    assert sum(s.starts_at < now for s in sessions) == 2
    assert Attendance.objects.filter(user=users["participant"]).count() == 2
    releases = ModuleRelease.objects.filter(module__course=behavior).order_by("module__position")
    assert [r.release_days for r in releases] == [0, 7, 14, 21]
    Enrollment.objects.create(user=users["participant"], course=behavior)  # the participant enrolls
    state = sel.module_release_state(users["participant"], behavior, list(behavior.modules.all()))
    assert sorted(s.is_open for s in state.values()) == [False, False, False, True]


def test_seed_cohorts_skips_missing_courses(capsys):
    seed_cohorts({"participant": UserFactory()})
    assert "missing" in capsys.readouterr().out
    assert not Cohort.objects.exists()
