"""Demo follow-up: the demo participant's commitment plan, check-ins and practice log.

Runs last in seed_demo; assumes the courses and exercises are seeded. Idempotent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Membership, User
from courses.demo.answers import DEMO_CHECKIN, DEMO_COMMITMENTS, DEMO_PRACTICE_LOG
from courses.followup.models import CheckIn, CheckInAnswer, CommitmentPlan, PracticeLogEntry
from courses.followup.services import (
    CommitmentAnswerInput,
    CommitmentInput,
    checkin_answer,
    plan_create,
    practice_log_entry_create,
)
from courses.learning.models import Course, Exercise
from courses.learning.services import enrollment_create

DEMO_COLLEAGUES = 5  # enough for the organization's follow-up aggregates to show
BEHAVIOUR_COURSE = "successfully-changing-behavior"
COACHING_COURSE = "coaching-sales-professionals"


def _plan_for(user: User, exercise: Exercise) -> CommitmentPlan:
    plan = CommitmentPlan.objects.filter(user=user, exercise=exercise).first()
    if plan is not None:
        return plan
    plan = plan_create(
        user=user,
        exercise=exercise,
        commitments=[CommitmentInput(c["situation"], c["behaviour"], c.get("why", "")) for c in DEMO_COMMITMENTS],
    )
    # Move the schedule back in time: one check-in three weeks ago (answered below), one due
    # today, and the last one still ahead.
    now = timezone.now()
    checkins = list(plan.checkins.order_by("due_at"))
    past = [now - datetime.timedelta(weeks=3), now - datetime.timedelta(hours=1)]
    for checkin, due_at in zip(checkins, past, strict=False):
        checkin.due_at = due_at
        checkin.save(update_fields=["due_at"])
    CommitmentPlan.objects.filter(pk=plan.pk).update(created_at=now - datetime.timedelta(weeks=4))
    first = checkins[0]
    did = [CheckInAnswer.DidIt.YES, CheckInAnswer.DidIt.PARTLY]
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(
            checkin=first,
            commitment=c,
            commitment_text=c.sentence,
            did_it=did[i % 2],
            naturalness=6 - i,
        )
        for i, c in enumerate(plan.commitments.order_by("position"))
    )
    first.status = CheckIn.Status.ANSWERED
    first.answered_at = first.due_at + datetime.timedelta(hours=5)
    first.what_happened = DEMO_CHECKIN["what_happened"]
    first.next_step = DEMO_CHECKIN["next_step"]
    first.save(update_fields=["status", "answered_at", "what_happened", "next_step"])
    return plan


def seed_followup(users: dict[str, User]) -> None:
    participant = users["participant"]
    behaviour = Course.objects.filter(slug=BEHAVIOUR_COURSE).first()
    exercise = (
        Exercise.objects.filter(course=behaviour, kind=Exercise.Kind.PLAN).order_by("position", "id").first()
        if behaviour
        else None
    )
    if exercise is not None:
        enrollment_create(user=participant, course=behaviour, source="staff")
        _plan_for(participant, exercise)
        _seed_colleagues(participant, exercise)
    coaching = Course.objects.filter(slug=COACHING_COURSE).first()
    if coaching is not None:
        enrollment_create(user=participant, course=coaching, source="staff")
    if not PracticeLogEntry.objects.filter(user=participant).exists():
        today = timezone.localdate()
        for i, item in enumerate(DEMO_PRACTICE_LOG):
            practice_log_entry_create(
                user=participant,
                course=coaching,
                date=today - datetime.timedelta(days=7 * (len(DEMO_PRACTICE_LOG) - 1 - i) + 1),
                **{k: item[k] for k in ("member", "topic", "technique", "question", "outcome", "next_step")},
                talk_ratio=item["talk_ratio"],
            )


def _seed_colleagues(participant: User, exercise: Exercise) -> None:
    """Colleagues in the participant's organizations with plans and one answered check-in each,
    so the organization's aggregate view (which hides groups under 5) has something to show."""
    orgs = list(Membership.objects.filter(user=participant).values_list("organization_id", flat=True))
    if not orgs:
        return
    did = [CheckInAnswer.DidIt.YES, CheckInAnswer.DidIt.PARTLY, CheckInAnswer.DidIt.NOT_YET]
    for i in range(1, DEMO_COLLEAGUES + 1):
        email = f"colleague{i}@example.com"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, full_name=f"Demo Colleague {i}")
        for org_id in orgs:
            Membership.objects.get_or_create(user=user, organization_id=org_id)
        enrollment_create(user=user, course=exercise.course, source="staff")
        if CommitmentPlan.objects.filter(user=user, exercise=exercise).exists():
            continue
        plan = plan_create(
            user=user,
            exercise=exercise,
            commitments=[CommitmentInput(DEMO_COMMITMENTS[0]["situation"], DEMO_COMMITMENTS[0]["behaviour"])],
        )
        first = plan.checkins.order_by("due_at").first()
        first.due_at = timezone.now() - datetime.timedelta(days=i)
        first.save(update_fields=["due_at"])
        answers = {c.pk: CommitmentAnswerInput(did_it=did[i % 3], naturalness=4 + i) for c in plan.commitments.all()}
        checkin_answer(checkin=first, answers=answers)
