"""Races on real PostgreSQL with real threads: trainers forming practice groups at once never put
one participant in two groups, and peer-review assignment never gives a submission more than N."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from courses.cohorts import services as cohort_services
from courses.cohorts import triads as triad_services
from courses.exercises import services as exercise_services
from courses.learning.services import enrollment_create
from courses.models import Cohort, PeerReview, Submission, Triad, TriadMember
from tests.courses.practice.conftest import race, world
from tests.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_trainers_forming_groups_at_once_never_double_book_anyone():
    w = world()
    cohort = Cohort.objects.get(memberships__enrollment__user=w.participant)
    cohort.capacity = 100
    cohort.save(update_fields=["capacity"])
    for _ in range(10):
        cohort_services.cohort_enroll(user=UserFactory(), course=w.course, cohort=cohort, source="staff")

    def form(i: int):
        return triad_services.triads_form(cohort=Cohort.objects.get(pk=cohort.pk), seed=i)

    results = race(form, 6)
    unexpected = [r for r in results if isinstance(r, BaseException) and not isinstance(r, ValidationError)]
    assert unexpected == [], unexpected
    assert any(isinstance(r, list) for r in results)
    seats = Counter(TriadMember.objects.filter(cohort=cohort).values_list("user_id", flat=True))
    assert seats and max(seats.values()) == 1
    assert len(seats) == 12 and Triad.objects.filter(cohort=cohort).count() == 4


def test_peer_review_assignment_at_once_never_exceeds_n():
    w = world()
    exercise = w.exercise
    exercise_services.peer_review_setup_save(exercise=exercise, reviewers=2, anonymous=True, days=7)
    people = [UserFactory() for _ in range(8)]
    for user in people:
        enrollment_create(user=user, course=w.course)

    def submit(i: int):
        return exercise_services.submission_create(user=people[i], exercise=exercise, text=f"Work {i}")

    race(submit, len(people))
    race(lambda i: exercise_services.peer_reviews_assign(exercise=exercise), 6)
    counts = (
        PeerReview.objects.exclude(status="expired")
        .values("submission_id")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert Submission.objects.filter(exercise=exercise).count() == len(people)
    assert counts and max(counts) <= 2
    assert all(r.reviewer_id != r.submission.user_id for r in PeerReview.objects.select_related("submission"))
