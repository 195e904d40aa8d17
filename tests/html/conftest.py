"""The key pages on demo data for the HTML tests: seeded once per module in a transaction that
is rolled back at the module's end, and one test client per demo role."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.keypages import seed_key_pages


@pytest.fixture(scope="module")
def key_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        pages = seed_key_pages(tmp_path_factory.mktemp("key-pages-media"))
        clients = {None: Client()}
        for role, user in pages.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        yield pages, clients
        transaction.set_rollback(True)
