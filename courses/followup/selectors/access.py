"""Permission (one function per object kind) and signed check-in links for follow-up."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from courses.followup.models import (
    Buddy,
    CheckIn,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.followup.tokens import checkin_token_loads
from courses.learning.models import Course, Enrollment, Exercise
from lms.signed_links import SignedLinkError, signed_payload

# --- Permission: one function per object kind ------------------------------------------------------


def plan_exercise_for_participant_or_404(*, user: User, course_slug: str, exercise_slug: str) -> Exercise:
    """A plan exercise in a course the user is (or was) enrolled in; 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    exercise = (
        Exercise.objects.select_related("course")
        .filter(course__slug=course_slug, slug=exercise_slug, kind=Exercise.Kind.PLAN)
        .first()
    )
    if exercise is None:
        raise Http404
    enrolled = (
        Enrollment.objects.filter(user=user, course_id=exercise.course_id)
        .exclude(status=Enrollment.Status.CANCELLED)
        .exists()
    )
    if not enrolled:
        raise Http404
    return exercise


def practice_log_entry_for_owner_or_404(*, user: User, pk: int) -> PracticeLogEntry:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(PracticeLogEntry, pk=pk, user=user)


def checkin_for_owner_or_404(*, user: User, pk: int) -> CheckIn:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(CheckIn.objects.select_related("plan"), pk=pk, plan__user=user)


def buddy_for_token_or_404(*, token: str) -> Buddy:
    return get_object_or_404(
        Buddy.objects.select_related("plan__user", "plan__course").prefetch_related("plan__commitments"),
        token=token,
    )


def trainer_participant_or_404(*, course: Course, user_id: int) -> User:
    """A participant of `course` who shared their follow-up with its trainers; 404 otherwise."""
    share = FollowupShare.objects.select_related("user").filter(course=course, user_id=user_id).first()
    if share is None:
        raise Http404
    return share.user


# --- Signed check-in links -------------------------------------------------------------------------


class CheckinLinkError(SignedLinkError):
    """Why a check-in link is refused: "invalid" (tampered/unknown/someone else's), "expired", "used"."""


def checkin_for_token(*, token: str, user: User | None = None) -> CheckIn:
    """The check-in a signed link is for, if the link is genuine, fresh (14 days) and unused.

    Works without login. When someone *is* logged in, the check-in must be theirs.
    """
    payload = signed_payload(checkin_token_loads, token, error=CheckinLinkError, ints=("c",), strs=("n",))
    checkin = (
        CheckIn.objects.select_related("plan__user", "plan__course", "plan__exercise")
        .prefetch_related(Prefetch("plan__commitments", queryset=Commitment.objects.order_by("position")))
        .filter(pk=payload["c"], nonce=payload["n"])
        .first()
    )
    if checkin is None:
        raise CheckinLinkError("invalid")
    if user is not None and user.is_authenticated and user.pk != checkin.plan.user_id:
        raise CheckinLinkError("invalid")
    if checkin.status == CheckIn.Status.ANSWERED:
        raise CheckinLinkError("used")
    return checkin


def plan_for_exercise(*, user: User, exercise: Exercise) -> CommitmentPlan | None:
    """The user's plan for this plan exercise, if they made one."""
    return CommitmentPlan.objects.filter(user=user, exercise=exercise).first()
