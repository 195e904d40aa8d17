"""Access matrix for every follow-up URL: anonymous, another participant, a trainer of another
course and another organization's admin are each refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from courses.followup.services import checkin_token_create, practice_log_entry_create
from courses.models import FollowupShare
from tests.courses.followup.conftest import make_due, make_plan, participant, plan_exercise  # noqa: F401
from tests.factories import (
    PASSWORD,
    CourseFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    exercise = plan_exercise(course)
    owner = participant(course)
    plan = make_plan(owner, exercise)
    checkin = make_due(plan.checkins.first())
    entry = practice_log_entry_create(
        user=owner,
        course=course,
        date=timezone.localdate(),
        member="J.K.",
        topic="Pipeline",
        technique="grow",
        question="q",
        outcome="o",
        next_step="n",
        talk_ratio=30,
    )
    FollowupShare.objects.create(user=owner, course=course)
    org = OrganizationFactory()
    MembershipFactory(user=owner, organization=org)
    org_admin = MembershipFactory(organization=org, role=Membership.Role.ADMIN).user
    other_org_admin = MembershipFactory(role=Membership.Role.ADMIN).user
    other_trainer = TrainerFactory()
    CourseFactory(trainers=[other_trainer])
    return {
        "course": course,
        "exercise": exercise,
        "owner": owner,
        "trainer": trainer,
        "checkin": checkin,
        "entry": entry,
        "org": org,
        "org_admin": org_admin,
        "outsiders": {
            "other participant": participant(CourseFactory()),
            "trainer of another course": other_trainer,
            "other org admin": other_org_admin,
        },
    }


def _private_urls(w):
    """URLs that show or change one person's or one course's follow-up."""
    return [
        ("GET", reverse("courses:checkin_open", args=[w["checkin"].pk])),
        ("GET", reverse("courses:practice_log_update", args=[w["entry"].pk])),
        ("POST", reverse("courses:practice_log_update", args=[w["entry"].pk])),
        ("POST", reverse("courses:practice_log_delete", args=[w["entry"].pk])),
        ("GET", reverse("courses:plan_create", args=[w["course"].slug, w["exercise"].slug])),
        ("POST", reverse("courses:plan_create", args=[w["course"].slug, w["exercise"].slug])),
        ("GET", reverse("courses:trainer_followup", args=[w["course"].slug])),
        ("GET", reverse("courses:trainer_followup_participant", args=[w["course"].slug, w["owner"].pk])),
        ("GET", reverse("courses:org_followup", args=[w["org"].slug])),
    ]


def _request(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, {})


def test_followup_urls_refuse_anonymous(client, world):
    urls = _private_urls(world) + [
        ("GET", reverse("courses:followup")),
        ("POST", reverse("courses:followup_share")),
        ("GET", reverse("courses:practice_log_create")),
    ]
    for method, url in urls:
        response = _request(client, method, url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


@pytest.mark.parametrize("who", ["other participant", "trainer of another course", "other org admin"])
def test_followup_urls_refuse_outsiders(client, world, who):
    client.login(email=world["outsiders"][who].email, password=PASSWORD)
    for method, url in _private_urls(world):
        assert _request(client, method, url).status_code == 404, (who, method, url)
    # Their own follow-up page shows nothing of the owner's.
    body = client.get(reverse("courses:followup")).content.decode()
    assert "Pipeline" not in body and "situation 1" not in body
    # The owner's signed link is refused while logged in as someone else.
    token = checkin_token_create(checkin=world["checkin"])
    assert client.get(reverse("courses:checkin_answer", args=[token])).status_code == 404
    world["entry"].refresh_from_db()
    assert world["entry"].topic == "Pipeline"


def test_followup_urls_allow_the_right_people(client, world):
    client.login(email=world["owner"].email, password=PASSWORD)
    assert client.get(reverse("courses:checkin_open", args=[world["checkin"].pk])).status_code == 302
    assert client.get(reverse("courses:practice_log_update", args=[world["entry"].pk])).status_code == 200
    body = client.get(reverse("courses:followup")).content.decode()
    assert "Pipeline" in body and "When situation 1, I will do thing 1" in body
    client.login(email=world["trainer"].email, password=PASSWORD)
    assert client.get(reverse("courses:trainer_followup", args=[world["course"].slug])).status_code == 200
    detail = reverse("courses:trainer_followup_participant", args=[world["course"].slug, world["owner"].pk])
    assert client.get(detail).status_code == 200
    client.login(email=world["org_admin"].email, password=PASSWORD)
    assert client.get(reverse("courses:org_followup", args=[world["org"].slug])).status_code == 200
    client.login(email=StaffFactory().email, password=PASSWORD)
    assert client.get(reverse("courses:org_followup", args=[world["org"].slug])).status_code == 200
    assert client.get(reverse("courses:trainer_followup", args=[world["course"].slug])).status_code == 200


def test_trainer_cannot_open_participant_who_did_not_share(client, world):
    FollowupShare.objects.all().delete()
    client.login(email=world["trainer"].email, password=PASSWORD)
    detail = reverse("courses:trainer_followup_participant", args=[world["course"].slug, world["owner"].pk])
    assert client.get(detail).status_code == 404


def test_trainer_detail_never_shows_private_reflection(client, world):
    checkin = world["checkin"]
    checkin.what_happened = "Secret reflection"
    checkin.status = "answered"
    checkin.answered_at = timezone.now()
    checkin.save()
    client.login(email=world["trainer"].email, password=PASSWORD)
    detail = reverse("courses:trainer_followup_participant", args=[world["course"].slug, world["owner"].pk])
    body = client.get(detail).content.decode()
    assert "Pipeline" in body and "Answered" in body
    assert "Secret reflection" not in body and "because 1" not in body


def test_org_member_who_is_not_admin_is_refused(client, world):
    # A plain member of the organization: the shared organization permission answers 403
    # (wrong role), and the page's figures are not rendered.
    assert Membership.objects.filter(user=world["owner"], organization=world["org"], role="member").exists()
    client.login(email=world["owner"].email, password=PASSWORD)
    response = client.get(reverse("courses:org_followup", args=[world["org"].slug]))
    assert response.status_code == 403
    assert b"plans made" not in response.content


def test_buddy_page_refuses_unknown_token(client):
    assert client.get(reverse("courses:buddy_respond", args=["nope"])).status_code == 404
