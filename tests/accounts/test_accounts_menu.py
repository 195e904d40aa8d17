"""The main menu shows "My organization" only to people who administer one (and staff). The flag
comes with the logged-in user's own read (accounts/backends.py), so it costs no query of its
own and every membership write shows at once."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, User
from accounts.selectors import user_administers_an_organization
from accounts.services import membership_ensure
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
    """The user's read brings the flag (an EXISTS in the same query): no query against memberships
    on its own, and no cache to go stale."""
    admin = UserFactory()
    MembershipFactory(user=admin, organization=OrganizationFactory(), role=Membership.Role.ADMIN)
    client.force_login(admin)
    own = re.compile(r'SELECT [^(]*FROM "accounts_membership"')
    with CaptureQueriesContext(connection) as ctx:
        assert ORG_LINK in _menu(client)
    assert [q["sql"] for q in ctx.captured_queries if own.match(q["sql"])] == []
    assert any("administers_organization" in q["sql"] for q in ctx.captured_queries)


def test_a_user_read_another_way_asks_once(client):
    """Outside the login backends (a user loaded by a view or a task) the selector asks the database."""
    admin = UserFactory()
    MembershipFactory(user=admin, organization=OrganizationFactory(), role=Membership.Role.ADMIN)
    reloaded = User.objects.get(pk=admin.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert user_administers_an_organization(user=reloaded) is True
    assert len(ctx.captured_queries) == 1
    assert user_administers_an_organization(user=UserFactory()) is False


def test_becoming_an_organization_admin_shows_the_link_at_once(client):
    user = UserFactory()
    organization = OrganizationFactory()
    client.force_login(user)
    assert ORG_LINK not in _menu(client)  # "no" is now cached
    membership_ensure(user=user, organization=organization, role=Membership.Role.MEMBER)
    assert ORG_LINK not in _menu(client)
    membership_ensure(user=user, organization=organization, role=Membership.Role.ADMIN)
    assert ORG_LINK in _menu(client)


def test_admin_membership_changes_show_in_the_menu_at_once(client, staff_login):
    """Staff change memberships in the admin; the person's cached flag must follow."""
    staff = staff_login(client, StaffFactory())
    user = UserFactory()
    membership = MembershipFactory(user=user, organization=OrganizationFactory(), role=Membership.Role.MEMBER)
    other = Client()
    other.force_login(user)
    assert ORG_LINK not in _menu(other)
    response = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {
            "user": user.pk,
            "organization": membership.organization_id,
            "role": Membership.Role.ADMIN,
            "created_at_0": "2026-11-30",
            "created_at_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    assert ORG_LINK in _menu(other)
    response = client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert ORG_LINK not in _menu(other)
    assert staff.is_staff


def test_admin_organization_members_inline_shows_in_the_menu_at_once(client, staff_login):
    staff_login(client, StaffFactory())
    user = UserFactory()
    organization = OrganizationFactory()
    other = Client()
    other.force_login(user)
    assert ORG_LINK not in _menu(other)
    response = client.post(
        reverse("admin:accounts_organization_change", args=[organization.pk]),
        {
            "name": organization.name,
            "slug": organization.slug,
            "created_at_0": "2026-11-30",
            "created_at_1": "09:00:00",
            "memberships-TOTAL_FORMS": 1,
            "memberships-INITIAL_FORMS": 0,
            "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000,
            "memberships-0-user": user.pk,
            "memberships-0-role": Membership.Role.ADMIN,
            "memberships-0-created_at_0": "2026-11-30",
            "memberships-0-created_at_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    assert ORG_LINK in _menu(other)
