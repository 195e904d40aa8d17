"""The contract between the reminder engine and the kinds of reminder it sends.

A kind says *who is due for what* (`find_due`) and *how the email reads* (`template` and
`contexts`). The engine (courses.reminders.engine) owns everything else: one row per
(user, kind, object_key, period) claimed before sending, batching, SMTP retries, the
List-Unsubscribe headers of non-essential kinds, and user preferences.

Kinds live in their own modules and register themselves with `@register`; the engine
imports every module listed in KIND_MODULES before a sweep.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

KIND_MODULES = [
    "courses.reminders.kinds",  # welcome, inactivity, org-admin digest, certificate expiry
    "courses.exercises.reminders",  # weekly digest of pending reviews for trainers
    "courses.followup.reminders",  # commitment check-ins
    "courses.cohorts.reminders",  # live sessions: 24 hours and 1 hour before
]


@dataclass(frozen=True)
class Due:
    """One email that should exist. (user_id, kind, object_key, period) is its unique key."""

    user_id: int
    object_key: str  # what it is about, e.g. "enrollment:12", "checkin:5", "week"
    period: str  # which occurrence, e.g. "d3", "2026-W48", "once"
    data: Mapping[str, Any] = field(default_factory=dict)  # JSON-safe; stored on the row


class ReminderKind:
    key: ClassVar[str]  # stored in the row; never change it once used
    label: ClassVar[str]  # shown on the preferences page
    essential: ClassVar[bool] = False  # essential kinds cannot be unsubscribed from
    template: ClassVar[str]  # email/<template>_subject.txt, .txt, .html

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """Everything due at `now`. Bounded queries: never one query per person."""
        raise NotImplementedError

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Template context per reminder row id, for a batch of rows of this kind, in bounded queries.

        A context may hold "attachments": a list of (filename, content, mimetype) for the email.

        Each row has .id, .user (selected), .object_key, .period and .data. The engine adds
        SITE_NAME, SITE_URL, user, and unsubscribe_url (for non-essential kinds).
        """
        raise NotImplementedError


REGISTRY: dict[str, ReminderKind] = {}


def register(kind_cls: type[ReminderKind]) -> type[ReminderKind]:
    REGISTRY[kind_cls.key] = kind_cls()
    return kind_cls


def all_kinds() -> dict[str, ReminderKind]:
    for module in KIND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return REGISTRY
