"""Staff reach /admin/ and the studio only in a session that passed two-factor authentication;
staff without an authenticator are offered TOTP set-up when they log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import totp_activate, totp_code
from tests.factories import PASSWORD, CourseFactory, StaffFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_twofactor_staff_without_authenticator_is_sent_to_set_up_totp(client):
    client.force_login(StaffFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    followed = client.get("/admin/courses/course/", follow=True)
    assert "Staff must use two-factor authentication" in _messages(followed)


def test_twofactor_staff_with_authenticator_but_no_code_in_session_is_asked_for_one(client):
    staff = StaffFactory()
    secret = totp_activate(staff)
    client.force_login(staff)  # e.g. a session from before the authenticator was set up
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    code = client.post(response.url, {"code": totp_code(secret)})
    assert code.status_code == 302 and code.url == "/admin/accounts/user/"
    assert client.get("/admin/accounts/user/").status_code == 200


def test_twofactor_staff_without_authenticator_is_refused_the_staff_only_studio_action(client):
    course = CourseFactory(trainers=[TrainerFactory()])
    newcomer = TrainerFactory()
    client.force_login(StaffFactory())
    url = reverse("courses:studio_trainers", args=[course.slug])
    response = client.post(url, {"user": newcomer.pk})
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    assert not course.trainers.filter(pk=newcomer.pk).exists()


def test_twofactor_staff_with_totp_session_opens_admin_and_studio(client, staff_login):
    staff_login(client, StaffFactory())
    course = CourseFactory()
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("courses:studio_trainers", args=[course.slug])).status_code == 200


def test_twofactor_trainer_needs_no_second_factor_for_the_studio(client):
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    client.force_login(trainer)
    assert client.get(reverse("courses:studio_course_edit", args=[course.slug])).status_code == 200


def test_twofactor_staff_login_offers_totp_set_up(client):
    staff = StaffFactory()
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_twofactor_participant_login_goes_home(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.url == "/"
