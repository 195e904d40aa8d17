"""Query counts stay flat: the participant's page at 2 and 50 commitments/check-ins, the trainer's
page at 10 and 500 participants."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.models import (
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    Enrollment,
    FollowupShare,
    PracticeLogEntry,
)
from tests.courses.followup.conftest import plan_exercise  # noqa: F401
from tests.factories import PASSWORD, CourseFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


def _participant_data(user, n: int):
    """n plans' worth of data: n commitments and n check-ins (half answered), n log entries."""
    now = timezone.now()
    course = CourseFactory()
    Enrollment.objects.create(user=user, course=course)
    plans = []
    for _i in range((n + 2) // 3):
        plans.append(CommitmentPlan.objects.create(user=user, exercise=plan_exercise(course), course=course))
    commitments = Commitment.objects.bulk_create(
        Commitment(plan=plans[i // 3], position=i % 3 + 1, situation=f"s{i}", behaviour=f"b{i}") for i in range(n)
    )
    checkins = CheckIn.objects.bulk_create(
        CheckIn(
            plan=plans[i % len(plans)],
            due_at=now - datetime.timedelta(days=n - i),
            status="answered" if i % 2 == 0 else "scheduled",
            answered_at=now - datetime.timedelta(days=n - i) if i % 2 == 0 else None,
        )
        for i in range(n)
    )
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(checkin=c, commitment=commitments[i], commitment_text="x", did_it="yes", naturalness=6)
        for i, c in enumerate(checkins)
        if c.status == "answered" and commitments[i].plan_id == c.plan_id
    )
    PracticeLogEntry.objects.bulk_create(
        PracticeLogEntry(
            user=user,
            course=course,
            date=timezone.localdate() - datetime.timedelta(days=i),
            member="J.K.",
            topic="t",
            technique="grow",
            question="q",
            outcome="o",
            next_step="n",
            talk_ratio=30,
        )
        for i in range(n)
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_followup_page_queries_do_not_grow(client, django_assert_num_queries):
    small, large = UserFactory(), UserFactory()
    _participant_data(small, 2)
    _participant_data(large, 50)
    url = reverse("courses:followup")
    client.login(email=small.email, password=PASSWORD)
    small_count = _count(client, url)
    client.login(email=large.email, password=PASSWORD)
    # Queries: session and user (the session may come from the cache with Redis); plans (+course,
    # exercise, buddy), commitments, their earlier versions, check-ins, answers; log count, log stats;
    # enrolled courses, shares; the log page (+course). 12 with database sessions, the same at any size.
    with django_assert_num_queries(small_count):
        assert client.get(url).status_code == 200
    assert small_count <= 12


def _course_with_participants(n: int):
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    exercise = plan_exercise(course)
    now = timezone.now()
    users = User.objects.bulk_create(User(email=f"p{course.pk}-{i}@example.com", full_name=f"P {i}") for i in range(n))
    Enrollment.objects.bulk_create(Enrollment(user=u, course=course) for u in users)
    plans = CommitmentPlan.objects.bulk_create(CommitmentPlan(user=u, exercise=exercise, course=course) for u in users)
    commitments = Commitment.objects.bulk_create(
        Commitment(plan=p, position=1, situation="s", behaviour="b") for p in plans
    )
    checkins = CheckIn.objects.bulk_create(
        CheckIn(plan=p, due_at=now - datetime.timedelta(days=3), status="answered", answered_at=now) for p in plans
    )
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(
            checkin=c, commitment=m, commitment_text="x", did_it=["yes", "partly", "not_yet"][i % 3], naturalness=5
        )
        for i, (c, m) in enumerate(zip(checkins, commitments, strict=True))
    )
    PracticeLogEntry.objects.bulk_create(
        PracticeLogEntry(
            user=u,
            course=course,
            date=timezone.localdate(),
            member="J.K.",
            topic="t",
            technique="miracle_question",
            question="q",
            outcome="o",
            next_step="n",
            talk_ratio=30,
        )
        for u in users
    )
    FollowupShare.objects.bulk_create(FollowupShare(user=u, course=course) for u in users)
    return trainer, course


def test_trainer_followup_queries_do_not_grow(client, django_assert_num_queries):
    t_small, c_small = _course_with_participants(10)
    t_large, c_large = _course_with_participants(500)
    client.login(email=t_small.email, password=PASSWORD)
    small_count = _count(client, reverse("courses:trainer_followup", args=[c_small.slug]))
    client.login(email=t_large.email, password=PASSWORD)
    # Queries: session and user; the course (trainer check); participants, plans, check-in counts,
    # answers per month, techniques; sharers count and page (+user). 10 with database sessions,
    # the same at any size.
    with django_assert_num_queries(small_count):
        assert client.get(reverse("courses:trainer_followup", args=[c_large.slug])).status_code == 200
    assert small_count <= 10


def test_trainer_followup_page_numbers(client):
    trainer, course = _course_with_participants(10)
    client.login(email=trainer.email, password=PASSWORD)
    body = client.get(reverse("courses:trainer_followup", args=[course.slug])).content.decode()
    assert "100%" in body  # all due check-ins answered
    assert ">10<" in body  # plans made
