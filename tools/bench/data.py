"""Build the large benchmark data set with bulk inserts (never through per-row services)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Membership, Organization, User
from courses.models import (
    Cohort,
    CohortMembership,
    Course,
    Enrollment,
    Exercise,
    ExerciseCompletion,
    Lesson,
    LessonProgress,
    Module,
)
from lms.richtext import markdown_render

BENCH_PASSWORD = "bench-password-2026"
BODY = ("## A lesson for the benchmark\n\nAsk the **miracle question**, then listen. " * 12).strip()


@dataclass
class BenchData:
    courses: list[Course] = field(default_factory=list)
    trainer: User | None = None
    participant: User | None = None  # enrolled in both large courses, with progress
    big_org: Organization | None = None
    org_admin: User | None = None
    cohort: Cohort | None = None
    cohort_emails: list[str] = field(default_factory=list)  # they log in with BENCH_PASSWORD
    timings: dict[str, float] = field(default_factory=dict)


def _chunks(rows, size=5000):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _build_courses(data: BenchData, *, password: str, now) -> None:
    """2 courses, 5 modules each, 6 lessons and 3 exercises per module: 60 lessons, 30 exercises."""
    body_html = markdown_render(BODY)
    trainer = User.objects.create(
        email="bench-trainer@example.com", full_name="Bench Trainer", is_trainer=True, password=password
    )
    data.trainer = trainer
    for c in range(2):
        course = Course.objects.create(
            title=f"Bench course {c + 1}",
            slug=f"bench-course-{c + 1}",
            summary="Benchmark course.",
            status=Course.Status.PUBLISHED,
            description_html="<p>Benchmark.</p>",
            estimated_hours=6,
            published_at=now,
        )
        course.trainers.add(trainer)
        modules = Module.objects.bulk_create(
            [Module(course=course, title=f"Module {m + 1}", position=(m + 1) * 10) for m in range(5)]
        )
        Lesson.objects.bulk_create(
            Lesson(
                module=module,
                course=course,
                title=f"{module.title} lesson {i + 1}",
                slug=f"m{module.position}-l{i + 1}",
                body=BODY,
                body_html=body_html,
                position=(i + 1) * 10,
            )
            for module in modules
            for i in range(6)
        )
        kinds = [Exercise.Kind.QUIZ, Exercise.Kind.REFLECTION, Exercise.Kind.ASSIGNMENT]
        Exercise.objects.bulk_create(
            Exercise(
                module=module,
                course=course,
                kind=kind,
                title=f"{module.title} {kind}",
                slug=f"m{module.position}-{kind}",
                position=(i + 1) * 100,
                instructions="Do it.",
                instructions_html="<p>Do it.</p>",
            )
            for module in modules
            for i, kind in enumerate(kinds)
        )
        data.courses.append(course)


def _build_users(data: BenchData, *, participants: int, password: str) -> list[User]:
    users = [
        User(email=f"bench{i}@example.com", full_name=f"Bench Participant {i}", password=password)
        for i in range(participants)
    ]
    for chunk in _chunks(users):
        User.objects.bulk_create(chunk)
    users = list(User.objects.filter(email__startswith="bench", is_trainer=False).order_by("id"))
    data.participant = users[0]
    return users


def _build_enrollments(data: BenchData, users: list[User], *, rng: random.Random, now) -> None:
    """Half the participants in each course, 10,000 enrollments in all; progress ~ 300,000 rows."""
    lessons_by_course = {
        c.pk: list(Lesson.objects.filter(course=c).order_by("module__position", "position")) for c in data.courses
    }
    enrollments, progress = [], []
    for idx, user in enumerate(users):
        courses = data.courses if idx < len(users) // 2 else []
        if idx == 0:
            courses = data.courses
        for course in courses:
            lessons = lessons_by_course[course.pk]
            done = rng.randint(27, len(lessons)) if idx else 3
            last = now - timezone.timedelta(days=rng.randint(0, 40))
            enrollments.append(
                Enrollment(
                    user=user,
                    course=course,
                    enrolled_at=last - timezone.timedelta(days=30),
                    last_activity_at=last,
                    last_lesson=lessons[done - 1],
                    status=Enrollment.Status.ACTIVE,
                )
            )
            progress.extend(
                LessonProgress(user=user, lesson=lesson, course=course, completed_at=last) for lesson in lessons[:done]
            )
    for chunk in _chunks(enrollments):
        Enrollment.objects.bulk_create(chunk)
    for chunk in _chunks(progress, 20_000):
        LessonProgress.objects.bulk_create(chunk)


def _build_organizations(data: BenchData, users: list[User], *, orgs: int, big_org_members: int, password: str):
    org_rows = Organization.objects.bulk_create(
        [Organization(name=f"Bench organization {o + 1}", slug=f"bench-org-{o + 1}") for o in range(orgs)]
    )
    data.big_org = org_rows[0]
    admin = User.objects.create(email="bench-orgadmin@example.com", full_name="Bench Org Admin", password=password)
    data.org_admin = admin
    memberships = [Membership(user=admin, organization=data.big_org, role=Membership.Role.ADMIN)]
    memberships += [Membership(user=u, organization=data.big_org) for u in users[:big_org_members]]
    offset = big_org_members
    for org in org_rows[1:]:
        memberships += [Membership(user=u, organization=org) for u in users[offset : offset + 10]]
        offset += 10
    for chunk in _chunks(memberships):
        Membership.objects.bulk_create(chunk)


def _build_cohort(data: BenchData, *, size: int, password: str, now) -> None:
    """The cohort-start rush: `size` new participants, verified emails, enrolled in a cohort that starts today.

    Their password hash comes from the production hasher (settings' PASSWORD_HASHERS, never the tests'
    fast one), so logging in costs what it costs in production.
    """
    course = data.courses[1]  # not the analytics course, which is measured at exactly 10,000 enrollments
    today = timezone.localdate(now)
    cohort = Cohort.objects.create(
        course=course,
        name="Cohort starting today 09:00",
        slug="bench-rush",
        starts_on=today,
        ends_on=today + timezone.timedelta(days=42),
        enrollment_deadline=today,
        capacity=size,
        seats_taken=size,
    )
    emails = [f"rush{i}@example.com" for i in range(size)]
    User.objects.bulk_create(
        [User(email=e, full_name=f"Rush Participant {i}", password=password) for i, e in enumerate(emails)]
    )
    users = list(User.objects.filter(email__in=emails).order_by("id"))
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=course, enrolled_at=now, last_activity_at=now) for u in users]
    )
    CohortMembership.objects.bulk_create([CohortMembership(enrollment=e, cohort=cohort) for e in enrollments])
    data.cohort = cohort
    data.cohort_emails = emails


@transaction.atomic
def build(
    *, participants: int = 10_000, orgs: int = 50, big_org_members: int = 1_000, cohort: int = 200, seed: int = 7
) -> BenchData:
    rng = random.Random(seed)
    data = BenchData()
    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    t0 = time.perf_counter()
    _build_courses(data, password=password, now=now)
    data.timings["courses"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    users = _build_users(data, participants=participants, password=password)
    data.timings["users"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    _build_enrollments(data, users, rng=rng, now=now)
    data.timings["enrollments_and_progress"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    _build_organizations(data, users, orgs=orgs, big_org_members=big_org_members, password=password)
    data.timings["organizations"] = time.perf_counter() - t3
    _build_cohort(data, size=cohort, password=password, now=now)
    if connection.vendor == "postgresql":
        # Fresh bulk inserts have no planner statistics, and autovacuum may be off or not have run
        # yet (it is off on the bench machine): without them PostgreSQL guesses its plans, which no
        # production database does. ANALYZE is allowed inside the transaction.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    data.timings["total"] = time.perf_counter() - t0
    return data


def vacuum_analyze() -> None:
    """On PostgreSQL, after every bulk insert: statistics for the planner and a visibility map, so
    an index can answer a count alone (index-only scans), as on any database autovacuum looks after.
    VACUUM cannot run inside a transaction; the bench builds in autocommit mode."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "lesson_progress": LessonProgress.objects.count(),
        "exercise_completions": ExerciseCompletion.objects.count(),
        "organizations": Organization.objects.count(),
        "memberships": Membership.objects.count(),
        "lessons": Lesson.objects.count(),
        "exercises": Exercise.objects.count(),
    }
