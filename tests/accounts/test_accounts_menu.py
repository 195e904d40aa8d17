"""The main menu shows "My organization" only to people who administer one (and staff), and
finding that out costs no query: the flag rides along when the user is loaded."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ORG_LINK = 'href="/org/"'


def _menu(client) -> str:
    return client.get(reverse("courses:catalog")).content.decode()


def test_participants_and_members_do_not_see_my_organization(client):
    """Old behaviour: every logged-in user saw the link (and got an empty page behind it)."""
    member = UserFactory()
    MembershipFactory(user=member, organization=OrganizationFactory(), role=Membership.Role.MEMBER)
    for user in (UserFactory(), member):
        client.force_login(user)
        assert ORG_LINK not in _menu(client)


def test_organization_admins_and_staff_see_my_organization(client):
    admin = UserFactory()
    MembershipFactory(user=admin, organization=OrganizationFactory(), role=Membership.Role.ADMIN)
    for user in (admin, StaffFactory()):
        client.force_login(user)
        assert ORG_LINK in _menu(client)


def test_the_menu_asks_no_query_of_its_own(client):
    """The flag is annotated on the user the session loads: no membership query per page."""
    admin = UserFactory()
    MembershipFactory(user=admin, organization=OrganizationFactory(), role=Membership.Role.ADMIN)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as ctx:
        assert ORG_LINK in _menu(client)
    own = re.compile(r'SELECT [^(]*FROM "accounts_membership"')
    own_queries = [q["sql"] for q in ctx.captured_queries if own.match(q["sql"])]
    assert own_queries == []
