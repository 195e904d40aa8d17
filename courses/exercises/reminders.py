"""Emails about practice assignments, all through the reminder engine's outbox.

- "trainer_review_digest": weekly, per trainer, the submissions waiting for review (found by
  the sweep; one per trainer per ISO week, "2026-W48").
- "submission_received": a trainer hears that work is waiting (object "submission:<id>").
- "feedback_given": the participant hears that a trainer reviewed their work ("review:<id>").
The last two are stored by the tasks in courses.exercises.tasks through the services below; the
engine's unique row per (user, kind, object_key, period) makes each exactly-once, also when a
task is redelivered or run twice. Registered by CoursesConfig.ready() from `KINDS`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from courses.exercises.models import Review, Submission
from courses.exercises.selectors import pending_reviews_by_trainer
from courses.learning.models import Course
from courses.reminders.base import Due, ReminderKind, iso_week, object_ids
from courses.reminders.services import reminders_deliver_now
from lms.links import absolute_url, site_url

DIGEST_MAX_ITEMS = 10


def _trainer_ids() -> list[int]:
    pending_courses = Submission.objects.filter(status=Submission.Status.SUBMITTED).values("course_id")
    return list(
        Course.trainers.through.objects.filter(course_id__in=pending_courses, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


class TrainerReviewDigest(ReminderKind):
    key = "trainer_review_digest"
    label = _("Weekly digest of work waiting for your review")
    essential = False
    template = "trainer_review_digest"

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """A Due per trainer with pending reviews (two queries)."""
        period = iso_week(now)
        pending = pending_reviews_by_trainer(trainer_ids=_trainer_ids())
        return [
            Due(user_id=trainer_id, object_key="reviews", period=period, data={"count": len(items)})
            for trainer_id, items in sorted(pending.items())
            if items
        ]

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """The waiting submissions for each row's trainer, read fresh (two queries per batch)."""
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


class SubmissionReceivedKind(ReminderKind):
    """Essential for trainers: a participant handed in work for review."""

    key = "submission_received"
    label = _("Work handed in for my review")
    essential = True
    template = "submission_received"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for the batch's submissions (with participant, exercise and course)."""
        ids = object_ids(reminders, "submission")
        submissions = Submission.objects.select_related("user", "exercise", "course").in_bulk(set(ids.values()))
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            submission = submissions.get(ids.get(r.id))
            if submission is None:
                continue
            url = absolute_url("courses:review_detail", pk=submission.pk)
            out[r.id] = {"trainer": r.user, "submission": submission, "review_url": url}
        return out


class FeedbackGivenKind(ReminderKind):
    """Essential: a trainer reviewed the participant's work."""

    key = "feedback_given"
    label = _("Feedback on my practice assignments")
    essential = True
    template = "feedback_given"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for the batch's reviews (with submission, exercise, course and reviewer)."""
        ids = object_ids(reminders, "review")
        reviews = Review.objects.select_related(
            "submission__user", "submission__exercise", "submission__course", "reviewer"
        ).in_bulk(set(ids.values()))
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            review = reviews.get(ids.get(r.id))
            if review is None:
                continue
            submission = review.submission
            url = site_url(submission.exercise.get_absolute_url())
            out[r.id] = {"participant": r.user, "review": review, "submission": submission, "exercise_url": url}
        return out


def submission_notices_send(*, submission_id: int) -> int:
    """Tell the course's active trainers that work is waiting for review. Returns the number sent."""
    submission = Submission.objects.filter(pk=submission_id).only("id", "course_id").first()
    if submission is None:
        return 0
    trainer_ids = Course.trainers.through.objects.filter(
        course_id=submission.course_id, user__is_active=True
    ).values_list("user_id", flat=True)
    dues = [Due(user_id=uid, object_key=f"submission:{submission.pk}", period="received") for uid in trainer_ids]
    return reminders_deliver_now(kind=SubmissionReceivedKind.key, dues=dues)


def review_notice_send(*, review_id: int) -> int:
    """Tell the participant that a trainer reviewed their work. Returns the number sent (0 or 1)."""
    user_id = Review.objects.filter(pk=review_id).values_list("submission__user_id", flat=True).first()
    if user_id is None:
        return 0
    due = Due(user_id=user_id, object_key=f"review:{review_id}", period="given")
    return reminders_deliver_now(kind=FeedbackGivenKind.key, dues=[due])


KINDS = [TrainerReviewDigest, SubmissionReceivedKind, FeedbackGivenKind]
