"""Demo exercises for `seed_demo`: every entry of each module's "exercises" list, of all kinds.

Idempotent: exercises are found by (course, slug) before they are created; quiz questions and
rubrics are only written for an exercise that has none; demo submissions only when the user
has none for that assignment. Runs after `seed_courses` (courses, modules, the demo
participant's enrollment). If the courses are missing (a worktree without seed_courses) it
creates a bare course and its modules so the exercises have a home.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.services import user_create
from courses.demo.content import COURSES, DEMO_ANSWERS
from courses.exercises import services as exercise_services
from courses.exercises.models import Quiz, RubricCriterion, Submission
from courses.learning.models import Course, Enrollment, Exercise, Module
from courses.learning.services import course_save, enrollment_create, exercise_save, module_save

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


def _course_for(spec: dict[str, Any], trainer: User | None) -> Course:
    course = Course.objects.filter(slug=spec["slug"]).first()
    if course is None:
        course = course_save(
            course=Course(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"][:400],
                description=spec.get("description", ""),
                estimated_hours=spec.get("estimated_hours", 1),
                status=Course.Status.PUBLISHED,
            )
        )
    if trainer is not None:
        course.trainers.add(trainer)
    return course


def _module_for(course: Course, spec: dict[str, Any], position: int) -> Module:
    # seed_courses finds modules by position; fall back to the title.
    module = (
        Module.objects.filter(course=course, position=position).first()
        or Module.objects.filter(course=course, title=spec["title"]).first()
    )
    if module is None:
        module = module_save(
            module=Module(course=course, title=spec["title"], summary=spec.get("summary", "")[:400], position=position)
        )
    return module


def _exercise_for(course: Course, module: Module, spec: dict[str, Any], position: int) -> Exercise:
    slug = spec.get("slug") or slugify(spec["title"])[:100]
    exercise = Exercise.objects.filter(course=course, slug=slug).first()
    if exercise is None:
        exercise = exercise_save(
            exercise=Exercise(
                module=module,
                kind=spec["kind"],
                title=spec["title"],
                slug=slug,
                instructions=spec.get("prompt") or spec.get("intro", ""),
                required=spec.get("required", True),
                position=position,
            )
        )
    if exercise.kind == Exercise.Kind.QUIZ and not Quiz.objects.filter(exercise=exercise).exists():
        exercise_services.quiz_save(
            exercise=exercise,
            pass_mark=spec.get("pass_mark", 70),
            max_attempts=spec.get("max_attempts"),
            questions=spec.get("questions", []),
        )
    if exercise.kind == Exercise.Kind.ASSIGNMENT and not RubricCriterion.objects.filter(exercise=exercise).exists():
        exercise_services.rubric_save(exercise=exercise, criteria=spec.get("rubric", []))
    return exercise


def _demo_participant(email: str, full_name: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or user_create(email=email, full_name=full_name, password=password)


def _submit(user: User, exercise: Exercise, text: str, days_ago: int) -> None:
    enrollment_create(user=user, course=exercise.course, source=Enrollment.Source.STAFF)
    if Submission.objects.filter(user=user, exercise=exercise).exists():
        return
    submission = exercise_services.submission_create(user=user, exercise=exercise, text=text)
    # Demo only: spread the waiting times so the queue shows its oldest-first order.
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago, hours=3)
    )


def seed_exercises(users: dict[str, User]) -> dict[str, Exercise]:
    """Create every demo exercise and put demo submissions in the demo trainer's queue."""
    from courses.demo.seed import DEMO_PASSWORD

    trainer = users.get("trainer")
    created: dict[str, Exercise] = {}
    for course_spec in COURSES:
        course = _course_for(course_spec, trainer)
        for mpos, module_spec in enumerate(course_spec.get("modules", []), start=1):
            module = _module_for(course, module_spec, mpos * 10)
            for epos, spec in enumerate(module_spec.get("exercises", []), start=1):
                exercise = _exercise_for(course, module, spec, 1000 + epos * 10)
                created[f"{course.slug}/{exercise.slug}"] = exercise
    miracle = created.get(f"{MIRACLE_COURSE}/{MIRACLE_SLUG}")
    participant = users.get("participant")
    if miracle is not None and participant is not None:
        _submit(participant, miracle, DEMO_ANSWERS["assignment"], days_ago=4)
    for email, full_name in EXTRA_PARTICIPANTS:
        course_slug, slug, text, days_ago = _OTHER_ANSWERS[email]
        exercise = created.get(f"{course_slug}/{slug}")
        if exercise is None:
            continue
        user = _demo_participant(email, full_name, DEMO_PASSWORD)
        users.setdefault(email.split("@")[0], user)
        _submit(user, exercise, text, days_ago=days_ago)
    return created
