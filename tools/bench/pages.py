"""The pages `make bench` measures, each at the small (demo) and the large size."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Organization, User
from courses.models import Course, Enrollment, Exercise, Lesson, Review, SeatLicence, Submission
from tools.bench.production import production_env


@dataclass
class Page:
    name: str
    small: Callable[[dict], tuple[str, object]]  # context -> (path, user or None)
    large: Callable[[dict], tuple[str, object]]


def small_context() -> dict:
    course = Course.objects.get(slug="coaching-sales-professionals")
    org = Organization.objects.get(slug="acme-sales")
    return {
        "course": course,
        "lesson": Lesson.objects.filter(course=course).order_by("module__position", "position").first(),
        "participant": User.objects.get(email="participant@example.com"),
        "trainer": User.objects.get(email="trainer@example.com"),
        "org": org,
        "org_admin": Membership.objects.filter(organization=org, role=Membership.Role.ADMIN).first().user,
    }


def large_context(built) -> dict:
    course = built.courses[0]
    return {
        "course": course,
        "lesson": Lesson.objects.filter(course=course).order_by("module__position", "position").last(),
        "participant": built.participant,
        "trainer": built.trainer,
        "org": built.big_org,
        "org_admin": built.org_admin,
    }


@transaction.atomic
def build_extra(built) -> None:
    """Licences for the organizations and 2,000 assignment submissions, with bulk inserts."""
    rng = random.Random(11)
    course = built.courses[0]
    SeatLicence.objects.bulk_create(
        [
            SeatLicence(organization=org, course=course, seats=1000, seats_used=0)
            for org in Organization.objects.filter(slug__startswith="bench-org-")
        ]
    )
    members = Membership.objects.filter(organization=built.big_org, role=Membership.Role.MEMBER).count()
    SeatLicence.objects.filter(organization=built.big_org).update(seats_used=members)
    exercises = list(Exercise.objects.filter(course__in=built.courses, kind=Exercise.Kind.ASSIGNMENT))
    enrollments = list(Enrollment.objects.filter(course__in=built.courses).values_list("user_id", "course_id")[:2000])
    by_course = {}
    for ex in exercises:
        by_course.setdefault(ex.course_id, []).append(ex)
    now = timezone.now()
    submissions = []
    for user_id, course_id in enrollments:
        exercise = rng.choice(by_course[course_id])
        submissions.append(
            Submission(
                user_id=user_id,
                exercise=exercise,
                course_id=course_id,
                version=1,
                text="My miracle question: suppose tonight a miracle happens…",
                submitted_at=now - timezone.timedelta(hours=rng.randint(1, 400)),
            )
        )
    Submission.objects.bulk_create(submissions, batch_size=1000)
    reviewed = list(Submission.objects.filter(course__in=built.courses).order_by("id")[:800])
    Review.objects.bulk_create(
        [
            Review(
                submission=s,
                reviewer=built.trainer,
                feedback="Good: open and future-oriented.",
                decision=Review.Decision.APPROVED,
                scores={},
                reviewed_at=now,
            )
            for s in reviewed
        ],
        batch_size=1000,
    )
    Submission.objects.filter(pk__in=[s.pk for s in reviewed]).update(status=Submission.Status.APPROVED)


def extra_benchmarks() -> dict:
    """Reminder sweep and certificates, measured by `manage.py bench_reminders` in its own process,
    with production settings as a Celery worker has them (DEBUG off: no query log in memory)."""
    count = os.environ.get("BENCH_REMINDERS", "10000")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reminders.json"
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "bench_reminders",
                "--count",
                count,
                "--certificates",
                "40",
                "--json",
                str(out),
            ],
            cwd=settings.BASE_DIR,
            env=production_env(),
            check=True,
        )
        figures = json.loads(out.read_text())
    return {
        "reminders": figures["reminders"],
        "certificates": figures["certificates"],
        "celery_worker_rss_mb": figures["worker_rss_mb"],
    }


def _org_url(name: str) -> Callable[[dict], tuple[str, object]]:
    return lambda c: (reverse(f"courses:{name}", kwargs={"org_slug": c["org"].slug}), c["org_admin"])


PAGES = [
    Page("catalog", lambda c: (reverse("courses:catalog"), None), lambda c: (reverse("courses:catalog"), None)),
    Page(
        "course page",
        lambda c: (c["course"].get_absolute_url(), c["participant"]),
        lambda c: (c["course"].get_absolute_url(), c["participant"]),
    ),
    Page(
        "lesson page",
        lambda c: (c["lesson"].get_absolute_url(), c["participant"]),
        lambda c: (c["lesson"].get_absolute_url(), c["participant"]),
    ),
    Page(
        "my learning",
        lambda c: (reverse("courses:dashboard"), c["participant"]),
        lambda c: (reverse("courses:dashboard"), c["participant"]),
    ),
    Page(
        "review queue",
        lambda c: (reverse("courses:review_queue"), c["trainer"]),
        lambda c: (reverse("courses:review_queue"), c["trainer"]),
    ),
    Page(
        "trainer analytics",
        lambda c: (reverse("courses:studio_analytics", kwargs={"slug": c["course"].slug}), c["trainer"]),
        lambda c: (reverse("courses:studio_analytics", kwargs={"slug": c["course"].slug}), c["trainer"]),
    ),
    Page("org dashboard", _org_url("org_dashboard"), _org_url("org_dashboard")),
    Page("org CSV export", _org_url("org_export"), _org_url("org_export")),
]
