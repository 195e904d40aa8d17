from __future__ import annotations

import pytest

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_new_user_is_a_participant():
    assert UserFactory().role == "participant"


def test_staff_grants_trainer_role_in_admin(client, staff_login):
    staff_login(client, StaffFactory())
    person = UserFactory()
    response = client.post(
        "/admin/accounts/user/", {"action": "grant_trainer_role", "_selected_action": [str(person.pk)]}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_trainer and person.role == "trainer"

    client.post("/admin/accounts/user/", {"action": "remove_trainer_role", "_selected_action": [str(person.pk)]})
    person.refresh_from_db()
    assert not person.is_trainer


def test_trainer_field_is_on_the_admin_change_form(client, staff_login):
    staff_login(client, StaffFactory())
    person = UserFactory()
    html = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert 'name="is_trainer"' in html


def test_participant_cannot_use_admin(client):
    person = UserFactory()
    client.force_login(person)
    client.post("/admin/accounts/user/", {"action": "grant_trainer_role", "_selected_action": [str(person.pk)]})
    person.refresh_from_db()
    assert not person.is_trainer
