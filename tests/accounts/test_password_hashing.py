"""Passwords are stored with Argon2id at OWASP's minimum cost, and older PBKDF2 hashes keep
working and are upgraded at the next login. (The rest of the suite uses a fast test hasher.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, make_password

from lms import settings as project_settings
from tests.factories import UserFactory


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_new_passwords_are_argon2id_at_owasp_minimum_cost(production_hashers):
    """Old behaviour: Django's PBKDF2 default with 1.5 million rounds (about 570 ms a check)."""
    encoded = make_password("coach-demo-2026")
    assert encoded.startswith("argon2$argon2id$")
    assert "$m=19456,t=2,p=1$" in encoded
    assert check_password("coach-demo-2026", encoded)
    assert not check_password("coach-demo-2027", encoded)


@pytest.mark.django_db
def test_an_older_pbkdf2_hash_still_logs_in_and_is_upgraded(production_hashers, client):
    user = UserFactory(email="old@example.com")
    user.password = make_password("an-old-Password-2019", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = client.post("/accounts/login/", {"login": "old@example.com", "password": "an-old-Password-2019"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
