"""Reads and the one permission check of practice recordings.

Who sees a recording:
- its owner, always (a draft take only them);
- once sent for review: the trainers of its course and staff;
- once sent, and only when the exercise lets peers comment: participants who share a group
  (cohort) of the course with the owner; and the peer reviewers assigned to its version;
- a take of an online practice round: at once, the members of that practice group and the
  course's trainers.
Everyone else gets 404, as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from courses.cohorts.models import CohortMembership, TriadMember
from courses.exercises import selectors as exercise_selectors
from courses.exercises.models import Conversation, PeerReviewSetup, RubricCriterion
from courses.learning.models import Course, Exercise
from courses.practice.models import Recording, TimedComment

OWNER, TRAINER, PEER = "owner", "trainer", "peer"


def conversation_for(*, exercise: Exercise) -> Conversation | None:
    return Conversation.objects.filter(exercise=exercise).first()


def _shares_cohort(user: User, owner_id: int, course_id: int) -> bool:
    theirs = CohortMembership.objects.filter(enrollment__user_id=owner_id, enrollment__course_id=course_id).values(
        "cohort_id"
    )
    return CohortMembership.objects.filter(
        enrollment__user_id=user.pk, enrollment__course_id=course_id, cohort_id__in=theirs
    ).exists()


def recording_role(*, user: User, recording: Recording) -> str | None:
    if not user.is_authenticated:
        return None
    if recording.user_id == user.pk:
        return OWNER
    teaches = (
        user.is_staff or Course.trainers.through.objects.filter(course_id=recording.course_id, user_id=user.pk).exists()
    )
    if recording.triad_id is not None:
        if TriadMember.objects.filter(triad_id=recording.triad_id, user_id=user.pk).exists():
            return PEER
        return TRAINER if teaches else None
    if recording.submission_id is None:
        return None
    if teaches:
        return TRAINER
    if exercise_selectors.is_peer_reviewer(user=user, submission_id=recording.submission_id):
        return PEER
    setup = conversation_for(exercise=recording.exercise)
    if setup is not None and setup.peer_comments and _shares_cohort(user, recording.user_id, recording.course_id):
        return PEER
    return None


def recording_for_viewer_or_404(*, user: User, pk: int) -> Recording:
    """The recording with `viewer_role` set (owner, trainer or peer), or 404."""
    recording = (
        Recording.objects.select_related("user", "exercise", "course", "submission", "submission__review")
        .filter(pk=pk)
        .first()
    )
    if recording is None:
        raise Http404
    role = recording_role(user=user, recording=recording)
    if role is None:
        raise Http404
    recording.viewer_role = role
    return recording


def recording_for_submission(*, submission_id: int) -> Recording | None:
    return Recording.objects.filter(submission_id=submission_id).only("id", "submission_id").first()


def recordings_of(*, user: User, exercise: Exercise) -> list[Recording]:
    """The participant's takes of one exercise, newest first, with their version's status (one query)."""
    return list(
        Recording.objects.filter(user=user, exercise=exercise, triad__isnull=True)
        .select_related("submission", "submission__review")
        .order_by("-created_at", "-id")
    )


@dataclass
class Thread:
    comment: TimedComment
    replies: list[TimedComment]


def comment_threads(*, recording: Recording) -> list[Thread]:
    """Top-level comments in time order, each with its replies (two queries, whatever their number)."""
    replies = Prefetch("replies", queryset=TimedComment.objects.select_related("author").order_by("created_at", "id"))
    top = (
        TimedComment.objects.filter(recording=recording, parent__isnull=True)
        .select_related("author", "criterion")
        .prefetch_related(replies)
        .order_by("at_ms", "created_at", "id")
    )
    return [Thread(comment, list(comment.replies.all())) for comment in top]


def rubric_of(*, exercise_id: int) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(exercise_id=exercise_id).order_by("position", "id"))


def owner_note_count(*, recording: Recording) -> int:
    return TimedComment.objects.filter(recording=recording, author_id=recording.user_id, parent__isnull=True).count()


def recordings_waiting(*, exercise: Exercise) -> QuerySet[Recording]:
    return Recording.objects.filter(exercise=exercise, submission__isnull=False)


def peer_recordings(*, user: User, exercise: Exercise) -> list[Recording]:
    """Sent takes of the user's group peers for this exercise, when the exercise lets peers comment."""
    setup = conversation_for(exercise=exercise)
    if setup is None or not setup.peer_comments:
        return []
    cohorts = CohortMembership.objects.filter(
        enrollment__user_id=user.pk, enrollment__course_id=exercise.course_id
    ).values("cohort_id")
    peers = CohortMembership.objects.filter(cohort_id__in=cohorts).values("enrollment__user_id")
    return list(
        Recording.objects.filter(exercise=exercise, submission__isnull=False, user_id__in=peers, triad__isnull=True)
        .exclude(user=user)
        .select_related("user")
        .order_by("-created_at", "-id")[:50]
    )


def round_recordings(*, practice_round_id: int, triad_id: int) -> list[Recording]:
    return list(
        Recording.objects.filter(practice_round_id=practice_round_id, triad_id=triad_id)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def peer_review_is_anonymous(*, exercise_id: int) -> bool:
    return PeerReviewSetup.objects.filter(exercise_id=exercise_id, anonymous=True).exists()


def practised_user_ids(*, course_id: int, user_ids: list[int]) -> set[int]:
    """Who of `user_ids` has recorded a practice conversation in the course (one query)."""
    return set(
        Recording.objects.filter(course_id=course_id, user_id__in=user_ids).values_list("user_id", flat=True).distinct()
    )
