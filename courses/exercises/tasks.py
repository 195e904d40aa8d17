"""Emails about practice assignments. Thin, id-taking, idempotent tasks.

Each task claims its notification with a conditional UPDATE on a *_notified_at field, so a
redelivered or repeated task sends nothing the second time. If sending fails the claim is
released and the task retries with backoff.
"""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from lms.email import email_render
from lms.links import absolute_url, site_url

RETRY = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


def _claim(model, pk: int, field: str) -> bool:
    with transaction.atomic():
        return model.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1


def _release(model, pk: int, field: str) -> None:
    model.objects.filter(pk=pk).update(**{field: None})


@shared_task(**RETRY)
def submission_notify_trainers_task(submission_id: int) -> int:
    """Tell the course's trainers that work is waiting for review. Returns the number of emails sent."""
    from courses.exercises.models import Submission

    if not _claim(Submission, submission_id, "trainers_notified_at"):
        return 0
    submission = Submission.objects.select_related("user", "exercise", "course").get(pk=submission_id)
    url = absolute_url("courses:review_detail", pk=submission.pk)
    try:
        sent = 0
        for trainer in submission.course.trainers.filter(is_active=True):
            email_render(
                template="submission_received",
                to=[trainer.email],
                language=getattr(trainer, "language", None),
                context={"trainer": trainer, "submission": submission, "review_url": url},
            ).send()
            sent += 1
    except Exception:
        _release(Submission, submission_id, "trainers_notified_at")
        raise
    return sent


@shared_task(**RETRY)
def feedback_notify_participant_task(review_id: int) -> int:
    """Tell the participant that a trainer reviewed their work."""
    from courses.exercises.models import Review

    if not _claim(Review, review_id, "participant_notified_at"):
        return 0
    review = Review.objects.select_related(
        "submission__user", "submission__exercise", "submission__course", "reviewer"
    ).get(pk=review_id)
    submission = review.submission
    url = site_url(submission.exercise.get_absolute_url())
    try:
        email_render(
            template="feedback_given",
            to=[submission.user.email],
            language=getattr(submission.user, "language", None),
            context={"participant": submission.user, "review": review, "submission": submission, "exercise_url": url},
        ).send()
    except Exception:
        _release(Review, review_id, "participant_notified_at")
        raise
    return 1
