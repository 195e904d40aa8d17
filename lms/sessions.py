"""The session store without Redis: Django's database store, with the read that every request of
a logged-in user makes written out (`lms.rawsql`).

Measured for issue 18 on SQLite: `Session.objects.get(...)` spent about 0.4 ms of CPU building
and compiling its query on every request (the lesson page: 3.0 -> 2.5 ms, test Client).
Everything else (saving, expiry, the `clearsessions` command, cycling the key at login) is
Django's own. With REDIS_URL set, sessions use Django's `cached_db` store instead (settings.py).
"""

from __future__ import annotations

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connections
from django.utils import timezone

from lms.rawsql import fetch_one, select_columns


@cache
def _session_sql() -> str:
    qn = connections["default"].ops.quote_name
    return (
        f"SELECT {select_columns(Session, 's')} FROM {qn(Session._meta.db_table)} s "  # noqa: S608 (names from _meta)
        f"WHERE s.{qn('session_key')} = %s AND s.{qn('expire_date')} > %s"
    )


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        """The unexpired session row, or None (and no key, as Django's store does)."""
        now = connections["default"].ops.adapt_datetimefield_value(timezone.now())
        session = fetch_one(Session, _session_sql(), [self.session_key, now])
        if session is None:
            self._session_key = None
        return session
