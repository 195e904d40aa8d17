"""Weekly digest for trainers: the submissions waiting for their review.

One email per trainer per ISO week ("2026-W48") while anything waits. The engine claims
the (user, kind, object_key, period) row before sending, so a trainer gets one per week.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from courses.reminders.base import Due, ReminderKind, register
from lms.links import absolute_url

DIGEST_MAX_ITEMS = 10


def iso_week(now: datetime.datetime) -> str:
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


def _trainer_ids() -> list[int]:
    from courses.exercises.models import Submission
    from courses.learning.models import Course

    pending_courses = Submission.objects.filter(status=Submission.Status.SUBMITTED).values("course_id")
    return list(
        Course.trainers.through.objects.filter(course_id__in=pending_courses, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


@register
class TrainerReviewDigest(ReminderKind):
    key = "trainer_review_digest"
    label = _("Weekly digest of work waiting for your review")
    essential = False
    template = "trainer_review_digest"

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """A Due per trainer with pending reviews (two queries)."""
        from courses.exercises.selectors import pending_reviews_by_trainer

        period = iso_week(now)
        pending = pending_reviews_by_trainer(trainer_ids=_trainer_ids())
        return [
            Due(user_id=trainer_id, object_key="reviews", period=period, data={"count": len(items)})
            for trainer_id, items in sorted(pending.items())
            if items
        ]

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """The waiting submissions for each row's trainer, read fresh (two queries per batch)."""
        from courses.exercises.selectors import pending_reviews_by_trainer

        pending = pending_reviews_by_trainer(trainer_ids={r.user_id for r in reminders})
        queue_url = absolute_url("courses:review_queue")
        result: dict[int, dict[str, Any]] = {}
        for r in reminders:
            items = pending.get(r.user_id, [])
            result[r.id] = {
                "submissions": items[:DIGEST_MAX_ITEMS],
                "total": len(items),
                "more": max(0, len(items) - DIGEST_MAX_ITEMS),
                "queue_url": queue_url,
            }
        return result
