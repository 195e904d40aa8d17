"""The demo follow-up data: a plan with one answered and one due check-in, and a practice log."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import Membership
from courses.demo.answers import DEMO_CHECKIN, DEMO_COMMITMENTS, DEMO_PRACTICE_LOG
from courses.demo.followup import BEHAVIOUR_COURSE, COACHING_COURSE, seed_followup
from courses.demo.seed import seed_users
from courses.followup.reminders import CheckInDue
from courses.followup.selectors import org_followup_stats, participant_plans
from courses.models import CheckIn, CommitmentPlan, Exercise, ExerciseCompletion, PracticeLogEntry
from tests.factories import CourseFactory, ExerciseFactory, ModuleFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_courses():
    """The rows seed_courses makes (from the demo course files), minimally."""
    behaviour = CourseFactory(slug=BEHAVIOUR_COURSE, title="Successfully Changing Behavior")
    plan = ExerciseFactory(module=ModuleFactory(course=behaviour), kind=Exercise.Kind.PLAN, slug="my-commitment-plan")
    coaching = CourseFactory(slug=COACHING_COURSE, title="Coaching Sales Professionals")
    log = ExerciseFactory(module=ModuleFactory(course=coaching), kind=Exercise.Kind.PRACTICE_LOG)
    return plan, log


def test_seed_followup_builds_demo_and_is_idempotent(demo_courses):
    plan_exercise, log_exercise = demo_courses
    users = seed_users()
    seed_followup(users)
    seed_followup(users)
    participant = users["participant"]
    plan = CommitmentPlan.objects.get(user=participant)
    assert plan.exercise == plan_exercise
    assert [c.situation for c in plan.commitments.all()] == [c["situation"] for c in DEMO_COMMITMENTS]
    answered, due, upcoming = participant_plans(user=participant)[0].checkins.all()
    assert (answered.state, due.state, upcoming.state) == ("answered", "due", "upcoming")
    assert answered.what_happened == DEMO_CHECKIN["what_happened"] and answered.answers.count() == 2
    assert PracticeLogEntry.objects.filter(user=participant).count() == len(DEMO_PRACTICE_LOG)
    assert CheckIn.objects.count() == 3
    # The plan and the practice log count towards completion; the due check-in gets its email.
    assert ExerciseCompletion.objects.filter(user=participant, exercise__in=[plan_exercise, log_exercise]).count() == 2
    assert {d.object_key for d in CheckInDue().find_due(now=timezone.now())} == {f"checkin:{due.pk}"}


def test_seed_followup_fills_the_participants_organization(demo_courses):
    users = seed_users()
    org = OrganizationFactory()
    Membership.objects.create(user=users["participant"], organization=org)
    seed_followup(users)
    seed_followup(users)
    stats = org_followup_stats(organization=org)
    assert stats.enough_people and stats.planners == 6 and stats.checkins is not None
    assert stats.followthrough is not None


def test_seed_followup_without_courses_does_not_fail():
    users = seed_users()
    seed_followup(users)
    assert not CommitmentPlan.objects.exists()
    assert PracticeLogEntry.objects.count() == len(DEMO_PRACTICE_LOG)
