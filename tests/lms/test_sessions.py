"""lms/sessions.py, the session store without Redis: it reads back what Django's store saved,
never an expired or unknown session, in one query."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_reads_back_what_was_saved_in_one_query():
    key = _saved(colour="blue", n=3)
    store = SessionStore(session_key=key)
    with CaptureQueriesContext(connection) as queries:
        assert store["colour"] == "blue" and store["n"] == 3
    assert len(queries) == 1
    assert store.session_key == key


def test_an_expired_session_is_empty_and_loses_its_key():
    key = _saved(colour="blue")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    store = SessionStore(session_key=key)
    assert store.get("colour") is None
    assert store.session_key is None


def test_an_unknown_key_is_empty_and_a_save_makes_a_new_one():
    store = SessionStore(session_key="x" * 32)
    assert store.get("colour") is None
    store["colour"] = "red"
    store.save()
    assert store.session_key != "x" * 32
    assert SessionStore(session_key=store.session_key)["colour"] == "red"


def test_a_logged_in_page_reads_the_session_through_it(client, settings):
    settings.SESSION_ENGINE = "lms.sessions"
    user = UserFactory()
    client.force_login(user)
    assert client.get("/my/learning/").status_code == 200
    assert SessionStore(session_key=client.session.session_key)["_auth_user_id"] == str(user.pk)
