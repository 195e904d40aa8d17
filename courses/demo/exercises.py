"""Demo submissions for `seed_demo`: work in the demo trainer's review queue.

The exercises themselves (every kind, with quiz questions and rubrics) come with the courses
(`seed_courses` loads the exchange files). This step adds the demo participant's submission
of the miracle-question assignment and three more participants' submissions, so the queue
shows its oldest-first order. Idempotent: a submission is only made for a user who has none
for that assignment; an exercise that is missing is skipped.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from courses.demo.answers import DEMO_ANSWERS
from courses.demo.seed import DEMO_PASSWORD
from courses.exercises import services as exercise_services
from courses.exercises.models import Submission
from courses.learning.models import Enrollment, Exercise
from courses.learning.services import enrollment_create

MIRACLE_COURSE = "coaching-sales-professionals"
MIRACLE_SLUG = "write-your-miracle-question"
IF_THEN_COURSE = "successfully-changing-behavior"
IF_THEN_SLUG = "help-a-rep-build-an-if-then-plan"

EXTRA_PARTICIPANTS = [
    ("alex@example.com", "Alex Andersen"),
    ("maria@example.com", "Maria Jansen"),
    ("jordan@example.com", "Jordan Peeters"),
]

_OTHER_ANSWERS = {
    "alex@example.com": (
        MIRACLE_COURSE,
        MIRACLE_SLUG,
        'Miracle question: "Sanne, suppose you wake up tomorrow and the price problem has disappeared. '
        'What would be the first sign?"\n\nFollow-up 1: "What else would be different in your customer '
        'meetings?"\n\nFollow-up 2: "From 0 to 10, where are you now, and what would make it one point '
        'higher?"\n\nRationale: I keep the picture hers and end with one small step she chooses.',
        3,
    ),
    "maria@example.com": (
        IF_THEN_COURSE,
        IF_THEN_SLUG,
        'Questions: "What usually happens between leaving a customer and opening the CRM?", "When did '
        'logging notes go well, and what was different then?"\n\nIf-then plan: "When I get back into '
        'my car after a visit, I will spend five minutes logging notes before I start the engine." '
        'Obstacle: "When a visit runs late, I will dictate two sentences into my phone."\n\nTracking: '
        "a tick on his weekly planner; I ask two questions in our Monday call for four weeks.",
        2,
    ),
    "jordan@example.com": (
        MIRACLE_COURSE,
        MIRACLE_SLUG,
        'Miracle question: "Imagine a miracle: next month every renewal goes your way. What did you '
        'do?"\n\nFollow-ups: "Who noticed first?" and "What is one thing from that picture you could '
        'do this week?"\n\nRationale: short and practical; she chooses the step.',
        1,
    ),
}


def _demo_participant(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or user_create(email=email, full_name=full_name, password=DEMO_PASSWORD)


def _submit(user: User, exercise: Exercise, text: str, days_ago: int) -> None:
    enrollment_create(user=user, course=exercise.course, source=Enrollment.Source.STAFF)
    if Submission.objects.filter(user=user, exercise=exercise).exists():
        return
    submission = exercise_services.submission_create(user=user, exercise=exercise, text=text)
    # Demo only: spread the waiting times so the queue shows its oldest-first order.
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago, hours=3)
    )


def _assignment(course_slug: str, slug: str) -> Exercise | None:
    return Exercise.objects.filter(course__slug=course_slug, slug=slug, kind=Exercise.Kind.ASSIGNMENT).first()


def seed_submissions(users: dict[str, User]) -> None:
    """Put demo submissions in the demo trainer's queue; adds the extra participants to `users`."""
    miracle = _assignment(MIRACLE_COURSE, MIRACLE_SLUG)
    participant = users.get("participant")
    if miracle is not None and participant is not None:
        _submit(participant, miracle, DEMO_ANSWERS["assignment"], days_ago=4)
    for email, full_name in EXTRA_PARTICIPANTS:
        course_slug, slug, text, days_ago = _OTHER_ANSWERS[email]
        exercise = _assignment(course_slug, slug)
        if exercise is None:
            continue
        user = _demo_participant(email, full_name)
        users.setdefault(email.split("@")[0], user)
        _submit(user, exercise, text, days_ago=days_ago)
