"""Peer review of assignments and practice conversations, where the exercise switches it on.

Each waiting submission gets up to N reviews (`PeerReviewSetup.reviewers`) against the rubric, from
participants of the course who submitted this exercise themselves, fewest open reviews first. A
reviewer who has not reviewed by the deadline is marked "replaced" and someone else is assigned
(`peer_reviews_replace_late`, a periodic task). Assignment locks the exercise's waiting submissions,
so two runs at once never give a submission more than N active reviewers. Peer reviews never
change a submission's status: the trainer decides.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.models import PeerReview, PeerReviewSetup, RubricCriterion, Submission
from courses.exercises.services.common import FEEDBACK_MAX_CHARS
from courses.learning.models import Exercise


def clean_scores(criteria: list[RubricCriterion], scores: Mapping) -> dict[str, int]:
    """Scores by criterion id, each within 0..max; every criterion scored, no stranger."""
    given = {str(k): v for k, v in scores.items()}
    clean: dict[str, int] = {}
    for criterion in criteria:
        try:
            value = int(given.get(str(criterion.pk)))
        except (TypeError, ValueError):
            raise ValidationError(
                _("Give a score for “%(name)s”.") % {"name": criterion.name}, code="score_missing"
            ) from None
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(
                _("The score for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score},
                code="score_range",
            )
        clean[str(criterion.pk)] = value
    if set(given) - {str(c.pk) for c in criteria}:
        raise ValidationError(_("Some scores do not belong to this rubric."), code="score_unknown")
    return clean


@transaction.atomic
def peer_reviews_assign(*, exercise: Exercise, now: datetime.datetime | None = None) -> int:
    """Fill up the reviewers of the exercise's waiting submissions. Returns how many were assigned."""
    setup = PeerReviewSetup.objects.filter(exercise_id=exercise.pk).first()
    if setup is None:
        return 0
    now = now or timezone.now()
    waiting = list(
        Submission.objects.select_for_update()
        .filter(exercise_id=exercise.pk, status=Submission.Status.SUBMITTED)
        .order_by("submitted_at", "id")
    )
    authors = set(Submission.objects.filter(exercise_id=exercise.pk).values_list("user_id", flat=True))
    rows = list(
        PeerReview.objects.filter(submission__exercise_id=exercise.pk).values("submission_id", "reviewer_id", "status")
    )
    load: dict[int, int] = {}
    for row in rows:
        if row["status"] == PeerReview.Status.ASSIGNED:
            load[row["reviewer_id"]] = load.get(row["reviewer_id"], 0) + 1
    created = []
    for submission in waiting:
        mine = [r for r in rows if r["submission_id"] == submission.pk]
        active = sum(1 for r in mine if r["status"] != PeerReview.Status.EXPIRED)
        seen = {r["reviewer_id"] for r in mine} | {submission.user_id}
        candidates = sorted(authors - seen, key=lambda uid: (load.get(uid, 0), uid))
        for uid in candidates[: max(setup.reviewers - active, 0)]:
            created.append(
                PeerReview(submission=submission, reviewer_id=uid, due_at=now + datetime.timedelta(days=setup.days))
            )
            load[uid] = load.get(uid, 0) + 1
    PeerReview.objects.bulk_create(created)
    return len(created)


def peer_reviews_replace_late(*, now: datetime.datetime | None = None) -> int:
    """Mark overdue reviews as replaced and assign others in their place. Returns how many were replaced."""
    now = now or timezone.now()
    late = PeerReview.objects.filter(status=PeerReview.Status.ASSIGNED, due_at__lt=now)
    exercise_ids = set(late.values_list("submission__exercise_id", flat=True))
    replaced = late.update(status=PeerReview.Status.EXPIRED)
    for exercise in Exercise.objects.filter(pk__in=exercise_ids):
        peer_reviews_assign(exercise=exercise, now=now)
    return replaced


@transaction.atomic
def peer_review_submit(*, reviewer: User, peer_review: PeerReview, scores: Mapping, feedback: str) -> PeerReview:
    locked = PeerReview.objects.select_for_update().select_related("submission").get(pk=peer_review.pk)
    if locked.reviewer_id != reviewer.pk:
        raise ValidationError(_("This review is not assigned to you."), code="not_assigned")
    if locked.status != PeerReview.Status.ASSIGNED:
        raise ValidationError(_("This review is closed: it was done or given to someone else."), code="closed")
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError(_("Please write feedback for the participant."), code="feedback")
    if len(feedback) > FEEDBACK_MAX_CHARS:
        raise ValidationError(_("The feedback is too long."), code="feedback_long")
    criteria = list(RubricCriterion.objects.filter(exercise_id=locked.submission.exercise_id))
    locked.scores = clean_scores(criteria, scores)
    locked.feedback = feedback
    locked.status = PeerReview.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["scores", "feedback", "status", "submitted_at"])
    return locked


@transaction.atomic
def peer_review_rate(*, user: User, peer_review: PeerReview, helpful: bool) -> PeerReview:
    """The author of the work says whether a (done) peer review helped."""
    locked = PeerReview.objects.select_for_update().select_related("submission").get(pk=peer_review.pk)
    if locked.submission.user_id != user.pk or locked.status != PeerReview.Status.SUBMITTED:
        raise ValidationError(_("You can rate only reviews of your own work."), code="not_owner")
    locked.helpful = helpful
    locked.save(update_fields=["helpful"])
    return locked


@transaction.atomic
def peer_review_setup_save(*, exercise: Exercise, reviewers: int | None, anonymous: bool, days: int) -> None:
    """Switch peer review on (reviewers >= 1) or off (None) for an assignment or practice conversation."""
    if exercise.kind not in (Exercise.Kind.ASSIGNMENT, Exercise.Kind.CONVERSATION):
        raise ValidationError(_("Peer review is for assignments and practice conversations."), code="wrong_kind")
    if not reviewers:
        PeerReviewSetup.objects.filter(exercise=exercise).delete()
        return
    setup = PeerReviewSetup.objects.filter(exercise=exercise).first() or PeerReviewSetup(exercise=exercise)
    setup.reviewers, setup.anonymous, setup.days = reviewers, anonymous, days
    setup.full_clean(exclude=["exercise"])
    setup.save()
