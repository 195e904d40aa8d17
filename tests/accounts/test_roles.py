from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import EnrollmentFactory, StaffFactory, UserFactory

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


def test_admin_user_delete_refused_while_the_person_has_work(client, staff_login):
    staff_login(client, StaffFactory())
    participant = EnrollmentFactory().user
    response = client.post(f"/admin/accounts/user/{participant.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "Deactivate the account instead" in response.content.decode()
    assert User.objects.filter(pk=participant.pk).exists()
    bulk = client.post("/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [participant.pk]})
    assert "Deactivate the account instead" in bulk.content.decode()
    assert User.objects.filter(pk=participant.pk).exists()
