"""The certificate area's pages parse input with forms: unknown email kinds are a 400 and change nothing."""

import pytest

from courses.reminders.models import EmailPreference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_preferences_refuse_an_unknown_kind(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/my/email-preferences/", {"kinds": ["welcome", "no-such-kind"]})
    assert response.status_code == 400
    assert not EmailPreference.objects.filter(user=user).exists()
