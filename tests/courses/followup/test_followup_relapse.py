"""Relapse handling: two "not yet" in a row offer a re-plan; the history keeps both versions; a short
"why" gets a suggestion, never a refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.followup.services import CommitmentAnswerInput, checkin_answer
from courses.models import CommitmentPlan, CommitmentVersion
from tests.courses.followup.conftest import make_due, make_plan, participant, plan_exercise
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _answer(plan, index: int, did_it: str):
    checkin = make_due(plan.checkins.order_by("due_at")[index])
    answers = {c.pk: CommitmentAnswerInput(did_it=did_it, naturalness=3) for c in plan.commitments.all()}
    checkin_answer(checkin=checkin, answers=answers)


@pytest.fixture
def plan():
    exercise = plan_exercise()
    return make_plan(participant(exercise.course), exercise, n=1)


def test_one_not_yet_offers_nothing_two_offer_a_replan(client, plan):
    client.force_login(plan.user)
    _answer(plan, 0, "not_yet")
    assert "Re-plan this commitment" not in client.get("/my/follow-up/").content.decode()
    _answer(plan, 1, "not_yet")
    assert "Re-plan this commitment" in client.get("/my/follow-up/").content.decode()


def test_replan_keeps_the_earlier_version_and_stops_the_offer(client, plan):
    _answer(plan, 0, "not_yet")
    _answer(plan, 1, "not_yet")
    commitment = plan.commitments.get()
    old = commitment.sentence
    client.force_login(plan.user)
    url = reverse("courses:commitment_replan", kwargs={"pk": commitment.pk})
    response = client.post(
        url, {"reason": "smaller_step", "situation": "when situation 1", "behaviour": "ask one question"}
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.behaviour == "ask one question" and commitment.status == "adjusted"
    version = CommitmentVersion.objects.get(commitment=commitment)
    assert version.sentence == old and version.reason == "smaller_step"
    html = client.get("/my/follow-up/").content.decode()
    assert "Re-plan this commitment" not in html and "Earlier versions" in html and old in html


def test_replan_refuses_the_same_plan_and_other_peoples_commitments(client, plan):
    commitment = plan.commitments.get()
    url = reverse("courses:commitment_replan", kwargs={"pk": commitment.pk})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(plan.user)
    data = {"reason": "new_cue", "situation": commitment.situation, "behaviour": commitment.behaviour}
    assert "the new plan is the same" in client.post(url, data).content.decode()
    assert not CommitmentVersion.objects.exists()


def test_short_why_is_suggested_not_blocked(client):
    exercise = plan_exercise()
    user = participant(exercise.course)
    client.force_login(user)
    url = reverse("courses:plan_create", kwargs={"course_slug": exercise.course.slug, "exercise_slug": exercise.slug})
    page = client.get(url).content.decode()
    assert 'data-min-words="15"' in page
    data = {
        "rhythm": "default",
        "commitments-TOTAL_FORMS": "3",
        "commitments-INITIAL_FORMS": "0",
        "commitments-0-situation": "a rep brings me a problem",
        "commitments-0-behaviour": "ask first",
        "commitments-0-why": "I talk too much.",
    }
    response = client.post(url, data, follow=True)
    assert CommitmentPlan.objects.filter(user=user).exists()
    assert "your “why this matters to me” is short" in response.content.decode()
