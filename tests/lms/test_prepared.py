"""lms/prepared.py: a prepared query gives exactly the rows the ORM gives for the same values,
compiles once per connection and shape, and refuses a builder whose SQL changes with anything
that is not one of its arguments (so a stale value can never be served)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from lms.prepared import PreparedQueryError, PreparedValues
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _users(*, ids, joined_before, order, old_before=NOW - datetime.timedelta(days=3)):
    return (
        User.objects.filter(pk__in=ids, date_joined__lt=joined_before)
        .annotate(n=Count("memberships"), old=Q(date_joined__lt=old_before))
        .order_by(order, "pk")
        .values_list("pk", "email", "date_joined", "is_active", "n", "old")
    )


@pytest.fixture
def people():
    return [UserFactory(email=f"p{i}@example.com", date_joined=NOW - datetime.timedelta(days=i)) for i in range(1, 7)]


@pytest.fixture
def users_query():
    return PreparedValues(_users)


def test_rows_equal_the_orms_rows_for_each_set_of_values(people, users_query):
    ids = [u.pk for u in people]
    for values in (
        {"ids": ids, "joined_before": NOW, "order": "email"},
        {"ids": ids[:3], "joined_before": NOW - datetime.timedelta(days=2), "order": "-email"},
        {"ids": ids[2:5], "joined_before": NOW - datetime.timedelta(hours=12), "order": "email"},
    ):
        expected = list(_users(**values))
        assert expected  # each case reads real rows
        assert users_query(**values) == expected


def test_converted_like_the_orm_aware_datetimes_and_booleans(people, users_query):
    (row,) = users_query(ids=[people[4].pk], joined_before=NOW, order="email")
    assert row[2] == people[4].date_joined and row[2].tzinfo is not None
    assert row[3] is True and row[5] is True  # joined 5 days ago: "old" against 3 days


def test_compiled_once_per_shape_then_only_run(people, users_query):
    ids = [u.pk for u in people]
    real = SQLCompiler.as_sql
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=real) as as_sql:
        users_query(ids=ids[:2], joined_before=NOW, order="email")
        first = as_sql.call_count
        users_query(ids=ids[2:4], joined_before=NOW - datetime.timedelta(days=1), order="email")
        assert as_sql.call_count == first  # same shape: no compile
        users_query(ids=ids[:3], joined_before=NOW, order="email")  # a list of another length
        users_query(ids=ids[:2], joined_before=NOW, order="-email")  # another order
        assert as_sql.call_count > first
    assert first > 0


def test_each_run_is_one_query_through_djangos_cursor(people, users_query):
    users_query(ids=[people[0].pk], joined_before=NOW, order="email")
    with CaptureQueriesContext(connection) as queries:
        users_query(ids=[people[1].pk], joined_before=NOW, order="email")
    assert len(queries) == 1


def test_an_empty_list_reads_nothing(users_query):
    with CaptureQueriesContext(connection) as queries:
        assert users_query(ids=[], joined_before=NOW, order="email") == []
    assert len(queries) == 0


def test_a_value_read_inside_the_builder_is_refused(people):
    """`timezone.now()` inside the builder would be frozen into the first compile: refused."""
    stale = PreparedValues(
        lambda *, ids: User.objects.filter(pk__in=ids, date_joined__lt=timezone.now()).values_list("pk")
    )
    with pytest.raises(PreparedQueryError):
        stale(ids=[people[0].pk])


def test_a_value_worked_out_inside_the_builder_is_refused(people):
    """Only the arguments themselves are slots: a value derived from one would be frozen too."""
    derived = PreparedValues(
        lambda *, before: User.objects.filter(date_joined__lt=before - datetime.timedelta(days=1)).values_list("pk")
    )
    with pytest.raises(PreparedQueryError):
        derived(before=NOW)


def test_values_of_other_types_are_refused(users_query):
    with pytest.raises(TypeError):
        users_query(ids=[1], joined_before=NOW, order=1.5)
