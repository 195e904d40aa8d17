"""The organization view shows aggregates only, and nothing for a group under 5 people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Membership
from courses.followup.selectors import org_followup_stats
from courses.followup.services import CommitmentAnswerInput, checkin_answer
from courses.models import CheckIn
from tests.courses.followup.conftest import make_due, make_plan, participant, plan_exercise  # noqa: F401
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NOT_ENOUGH = "Not enough people to show without identifying someone"


def _org_with_planners(n: int, *, answered: bool = True):
    org = OrganizationFactory()
    admin = MembershipFactory(organization=org, role=Membership.Role.ADMIN).user
    exercise = plan_exercise()
    for i in range(n):
        user = participant(exercise.course, full_name=f"Member Person{i}")
        MembershipFactory(user=user, organization=org)
        plan = make_plan(user, exercise, n=1)
        checkin = make_due(plan.checkins.first())
        if answered:
            commitment = plan.commitments.get()
            did = "yes" if i % 2 == 0 else "not_yet"
            checkin_answer(checkin=checkin, answers={commitment.pk: CommitmentAnswerInput(did_it=did, naturalness=5)})
    # Members without a plan are not counted as people in the aggregate.
    for _ in range(3):
        MembershipFactory(organization=org)
    return org, admin


def test_org_followup_hides_group_of_4(client):
    org, admin = _org_with_planners(4)
    stats = org_followup_stats(organization=org)
    assert not stats.enough_people and stats.checkins is None and stats.followthrough is None and stats.plans == 0
    client.login(email=admin.email, password=PASSWORD)
    body = client.get(reverse("courses:org_followup", args=[org.slug])).content.decode()
    assert NOT_ENOUGH in body
    assert "plans made" not in body and "check-ins answered" not in body


def test_org_followup_shows_group_of_5(client):
    org, admin = _org_with_planners(5)
    stats = org_followup_stats(organization=org)
    assert stats.enough_people and stats.plans == 5
    assert stats.checkins.response_rate == 100
    assert (stats.followthrough.yes_rate, stats.followthrough.not_yet_rate) == (60, 40)
    client.login(email=admin.email, password=PASSWORD)
    body = client.get(reverse("courses:org_followup", args=[org.slug])).content.decode()
    assert NOT_ENOUGH not in body
    assert "60%" in body and "100%" in body
    # Aggregates only: no member's name appears.
    assert "Person0" not in body


def test_org_followup_hides_a_metric_that_counts_fewer_than_5(client):
    org, admin = _org_with_planners(5, answered=False)
    # Only 4 of the 5 had a check-in fall due.
    CheckIn.objects.filter(plan__user__memberships__organization=org).order_by("id").first().delete()
    stats = org_followup_stats(organization=org)
    assert stats.enough_people and stats.checkins is None and stats.followthrough is None
