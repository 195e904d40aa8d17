"""Demo follow-up: the demo participant's commitment plan, check-ins and practice log.

Runs last in seed_demo; assumes the courses and exercises are seeded. Idempotent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from courses.demo.content import DEMO_CHECKIN, DEMO_COMMITMENTS, DEMO_PRACTICE_LOG
from courses.models import CheckIn, CheckInAnswer, CommitmentPlan, Course, Exercise, PracticeLogEntry
from courses.services import enrollment_create
from courses.services.followup import CommitmentInput, plan_create, practice_log_entry_create

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
