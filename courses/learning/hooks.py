"""Where other areas plug into learning, so that learning never imports them.

Learning is the base area: cohorts, certificates, exercises and the rest build on its courses,
modules and enrollments. When learning needs an answer that only another area has (is this
module released to this participant yet? did they attend enough live sessions?) or must tell
another area that something happened (a course was completed), or shows what another area
has for a participant ("My learning": certificates, pending invitations), it asks these hooks.
`CoursesConfig.ready()` in courses/apps.py plugs the areas in, in one visible place.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

ReleaseState = tuple[bool, datetime.datetime | None]


def _no_certificates(enrollments: Iterable[Any]) -> dict[int, Any]:
    return {}


def _no_invitations(user: Any) -> list[Any]:
    return []


def _everything_open(user: Any, course: Any, modules: Iterable[Any]) -> dict[int, ReleaseState]:
    return {(m if isinstance(m, int) else m.pk): (True, None) for m in modules}


@dataclass
class LearningHooks:
    # (user, course, modules) -> {module_id: (is_open, opens_at)}; cohorts' drip release.
    release_state: Callable[[Any, Any, Iterable[Any]], dict[int, ReleaseState]] = _everything_open
    # Extra conditions for completing a course, each (enrollment) -> bool; cohorts' attendance.
    completion_requirements: list[Callable[[Any], bool]] = field(default_factory=list)
    # Called once when an enrollment is completed, inside its transaction; certificates.
    on_course_completed: list[Callable[[Any], None]] = field(default_factory=list)
    # (enrollments) -> {enrollment_id: certificate}, one query; certificates, on My learning.
    certificates_for: Callable[[Iterable[Any]], dict[int, Any]] = _no_certificates
    # (user) -> the invitations waiting for the user's address, one query; organizations, on My learning.
    pending_invitations_for: Callable[[Any], list[Any]] = _no_invitations
    # More for the course page, each (user, course, enrollment or None) -> context dict; the
    # storefront's sales sections and JSON-LD, the certificate of a completed course.
    course_page_context: list[Callable[[Any, Any, Any], dict[str, Any]]] = field(default_factory=list)


hooks = LearningHooks()
