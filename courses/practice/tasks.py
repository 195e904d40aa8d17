"""The periodic task of peer review (assignments and practice conversations): replace late reviewers.

It lives here, not in courses.exercises.tasks, because the exercises' services already enqueue that
module's tasks (a tasks -> services -> tasks cycle)."""

from __future__ import annotations

from courses.exercises.services import peer_reviews_replace_late
from lms.celery import task


@task(name="courses.peer_reviews_replace_late_task")
def peer_reviews_replace_late_task() -> int:
    """Replace peer reviewers past their deadline (beat, hourly). Returns how many were replaced."""
    return peer_reviews_replace_late()
