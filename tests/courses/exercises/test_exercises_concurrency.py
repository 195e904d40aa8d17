"""Races that only real PostgreSQL can show: two submits or two reviews at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from courses.exercises import services as svc
from courses.models import Review, Submission
from tests.courses.exercises.conftest import world  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
]


def _race(fn, n=2):
    barrier = threading.Barrier(n)
    results: list[str] = []

    def run():
        try:
            barrier.wait()
            fn()
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(results)


def test_two_simultaneous_submissions_one_wins():
    w = world()
    results = _race(lambda: svc.submission_create(user=w.participant, exercise=w.assignment, text="same time"))
    assert results == ["ok", "refused"]
    assert Submission.objects.filter(user=w.participant, status="submitted").count() == 1


def test_two_simultaneous_reviews_one_wins():
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    scores = {c.pk: 1 for c in w.assignment.rubric_criteria.all()}

    def review():
        svc.review_submit(reviewer=w.trainer, submission=submission, decision="approved", feedback="ok", scores=scores)

    assert _race(review) == ["ok", "refused"]
    assert Review.objects.count() == 1
