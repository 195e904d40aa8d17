"""Authentication backends: Django's and allauth's, under this project's names.

Sessions store the path of the backend that logged the user in, so these names stay.

Both read the logged-in user with one written-out query (`get_user` runs on every request of a
logged-in user), which also says whether the user administers an organization: the main menu
shows "My organization" on every page (`accounts.selectors.user_administers_an_organization`).
Measured for issue 18: Django's `User.objects.get(pk=…)` alone cost 0.39 ms on PostgreSQL and
0.21 ms on SQLite, most of it compiling the query, and the flag was one more query (or, cached,
a round trip to Redis) per page. The written-out read costs about a third of the first, and the
flag is always current. Same row, same checks (`user_can_authenticate`).
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from accounts.models import Membership, User
from lms.rawsql import fetch_one, select_columns


@cache
def _user_sql(vendor: str) -> str:
    # `vendor` is part of the cache key only: quoting differs between databases.
    qn = connection.ops.quote_name
    columns = select_columns(User, "u")
    membership = Membership._meta
    admin = (
        f"SELECT 1 FROM {qn(membership.db_table)} m WHERE m.{qn(membership.get_field('user').column)} = "  # noqa: S608
        f"u.{qn(User._meta.pk.column)} AND m.{qn(membership.get_field('role').column)} = %s"
    )
    return (
        f"SELECT {columns}, EXISTS({admin}) AS administers_organization "  # noqa: S608 (names from _meta)
        f"FROM {qn(User._meta.db_table)} u WHERE u.{qn(User._meta.pk.column)} = %s"
    )


class _UserByIdMixin:
    def get_user(self, user_id):
        params = [Membership.Role.ADMIN.value, user_id]
        user = fetch_one(User, _user_sql(connection.vendor), params, extra=["administers_organization"])
        if user is None or not self.user_can_authenticate(user):
            return None
        user.administers_organization = bool(user.administers_organization)  # SQLite says 0 or 1
        return user


class ModelBackend(_UserByIdMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(_UserByIdMixin, AllauthBackend):
    pass
