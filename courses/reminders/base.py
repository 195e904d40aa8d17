"""The contract between the reminder engine and the kinds of email it sends.

A kind says *who is due for what* (`find_due`) and *how the email reads* (`template` and
`contexts`). The engine (courses.reminders.engine) owns everything else: one row per
(recipient, kind, object_key, period) claimed before sending, batching, SMTP retries, the
List-Unsubscribe headers of non-essential kinds, and user preferences.

Kinds live in their areas (`courses/<area>/reminders.py`, each with a `KINDS` list) and are
registered once, explicitly, by `CoursesConfig.ready()` with `kinds_register`. The engine never
imports an area.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Due:
    """One email that should exist. (user_id or email, kind, object_key, period) is its unique key.

    Exactly one of `user_id` and `email` is set: `email` addresses people who may have no
    account yet (invitations, buddies).
    """

    user_id: int | None
    object_key: str  # what it is about, e.g. "enrollment:12", "checkin:5", "week"
    period: str  # which occurrence, e.g. "d3", "2026-W48", "once"
    data: Mapping[str, Any] = field(default_factory=dict)  # JSON-safe; stored on the row
    email: str = ""


class ReminderKind:
    key: ClassVar[str]  # stored in the row; never change it once used
    label: ClassVar[str]  # shown on the preferences page
    essential: ClassVar[bool] = False  # essential kinds cannot be unsubscribed from
    template: ClassVar[str]  # email/<template>_subject.txt, .txt, .html

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """Everything due at `now`. Bounded queries: never one query per person.

        Kinds stored by an event (a submission, a review, an invitation) return nothing here:
        their service stores the rows through `courses.reminders.services.reminders_deliver`.
        """
        return []

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Template context per reminder row id, for a batch of rows of this kind, in bounded queries.

        A context may hold "attachments": a list of (filename, content, mimetype) for the email,
        and "language" for rows addressed by email (no user to take it from).

        Each row has .id, .user (selected; None for rows addressed by email), .email,
        .object_key, .period and .data. The engine adds SITE_NAME, SITE_URL, user, recipient_name
        (the first name the layout greets), preferences_url, kind_label and unsubscribe_url (for
        non-essential kinds). Templates extend `email/base.html` / `email/base.txt`. A row
        missing from the result is no longer due and is skipped.
        """
        raise NotImplementedError


REGISTRY: dict[str, ReminderKind] = {}


def kinds_register(*kind_classes: type[ReminderKind]) -> None:
    """Register kinds once, at start-up (CoursesConfig.ready()). A key registered twice is a bug."""
    for kind_cls in kind_classes:
        existing = REGISTRY.get(kind_cls.key)
        if existing is not None and type(existing) is not kind_cls:
            raise ValueError(f"reminder kind {kind_cls.key!r} is registered twice")
        REGISTRY[kind_cls.key] = kind_cls()


def all_kinds() -> dict[str, ReminderKind]:
    return REGISTRY


def object_ids(reminders: list[Any], prefix: str) -> dict[int, int]:
    """reminder id -> object id for object keys like "<prefix>:<id>"."""
    out = {}
    for r in reminders:
        head, _sep, tail = r.object_key.partition(":")
        if head == prefix and tail.isdigit():
            out[r.id] = int(tail)
    return out


def iso_week(now: datetime.datetime) -> str:
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"
