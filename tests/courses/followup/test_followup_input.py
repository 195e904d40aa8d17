"""Follow-up pages parse every input with a form: malformed input is a 4xx and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.followup.models import Buddy, FollowupShare
from tests.courses.followup.conftest import make_plan, participant, plan_exercise
from tests.factories import PASSWORD, CourseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data", [{}, {"course": "x", "shared": "yes"}, {"shared": "1"}, {"course": "a b", "shared": "1"}]
)
def test_followup_share_refuses_malformed_input(client, data):
    course = CourseFactory()
    user = participant(course)
    client.login(email=user.email, password=PASSWORD)
    assert client.post(reverse("courses:followup_share"), data).status_code == 400
    assert not FollowupShare.objects.exists()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999999"])
def test_followup_overview_refuses_a_malformed_page(client, page):
    user = participant(CourseFactory())
    client.login(email=user.email, password=PASSWORD)
    assert client.get(reverse("courses:followup"), {"page": page}).status_code == 400


def test_buddy_respond_refuses_an_unknown_decision(client):
    exercise = plan_exercise()
    plan = make_plan(participant(exercise.course), exercise, buddy_email="buddy@example.com")
    buddy = plan.buddy
    url = reverse("courses:buddy_respond", kwargs={"token": buddy.token})
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    buddy.refresh_from_db()
    assert buddy.status == Buddy.Status.INVITED
    assert client.post(url, {"decision": "accept"}).status_code == 302


def test_practice_log_form_refuses_an_unknown_technique_but_prefills_a_known_one(client):
    course = CourseFactory()
    user = participant(course)
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:practice_log_create")
    assert client.get(url, {"technique": "<script>"}).status_code == 400
    response = client.get(url, {"technique": "grow", "course": course.slug})
    assert response.status_code == 200
    assert response.context["form"].initial["technique"] == "grow"
    assert response.context["form"].initial["course"] == course.pk
