"""Shared fixtures of the language tests: the key pages on demo data with every demo user reading
Dutch, seeded once per module and rolled back at its end (as tests/html/ does)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from accounts.models import User
from tests.keypages import seed_key_pages

DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl-NL,nl;q=0.9"}


@pytest.fixture(scope="module")
def dutch_key_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """(KeyPages, clients by role): every demo user's saved language is Dutch (the participants whose
    observers' pages follow their language too), and every client, the visitor's too, sends a Dutch
    browser's Accept-Language."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages = seed_key_pages(tmp_path_factory.mktemp("dutch-key-pages-media"))
        clients = {None: Client(**DUTCH)}
        User.objects.update(language="nl")
        for role, user in pages.users.items():
            clients[role] = Client(**DUTCH)
            clients[role].force_login(user)
        yield pages, clients
        transaction.set_rollback(True)
