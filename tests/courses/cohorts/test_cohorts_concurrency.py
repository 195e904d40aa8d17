"""Capacity under concurrent enrollment, on real PostgreSQL with real threads."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import User
from courses.cohorts import services as svc
from courses.models import Cohort, CohortMembership, Course, Enrollment
from tests.courses.cohorts.conftest import make_cohort
from tests.factories import CourseFactory

THREADS = 30
CAPACITY = 12


def _race(target, n: int) -> list[BaseException | object]:
    """Run `target(i)` in n threads released at the same moment; collect results or exceptions."""
    barrier = threading.Barrier(n)
    results: list[BaseException | object] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_cohort_enroll_30_concurrent_into_12_places_ends_with_12():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    cohort = make_cohort(course=course, capacity=CAPACITY)
    users = User.objects.bulk_create(
        [User(email=f"racer{i}@example.com", full_name=f"Racer {i}", password="!") for i in range(THREADS)]
    )
    user_ids = [u.pk for u in User.objects.filter(email__startswith="racer").order_by("pk")]

    def enroll(i: int):
        return svc.cohort_enroll(user=User.objects.get(pk=user_ids[i]), course=course, cohort=cohort)

    results = _race(enroll, THREADS)
    ok = [r for r in results if isinstance(r, CohortMembership)]
    full = [r for r in results if isinstance(r, ValidationError)]
    other = [r for r in results if not isinstance(r, CohortMembership | ValidationError)]
    assert other == [], other
    assert (len(ok), len(full)) == (CAPACITY, THREADS - CAPACITY)
    assert all("full" in " ".join(e.messages) for e in full)
    cohort.refresh_from_db()
    assert cohort.seats_taken == CAPACITY
    assert CohortMembership.objects.filter(cohort=cohort).count() == CAPACITY
    # A refused enrollment left nothing behind: the place and the enrollment are one transaction.
    assert Enrollment.objects.filter(course=course).count() == CAPACITY
    assert len(users) == THREADS


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_cohort_enroll_concurrent_without_choice_spills_into_next_cohort():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    first = make_cohort(course=course, capacity=5, slug="first")
    second = make_cohort(course=course, capacity=5, slug="second")
    User.objects.bulk_create([User(email=f"spill{i}@example.com", password="!") for i in range(12)])
    user_ids = [u.pk for u in User.objects.filter(email__startswith="spill").order_by("pk")]

    results = _race(lambda i: svc.cohort_enroll(user=User.objects.get(pk=user_ids[i]), course=course), 12)
    assert sum(isinstance(r, CohortMembership) for r in results) == 10
    assert sum(isinstance(r, ValidationError) for r in results) == 2
    assert [c.seats_taken for c in Cohort.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")] == [5, 5]
