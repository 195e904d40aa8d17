"""The weekly trainer review digest (reminder kind) and pending_reviews_by_trainer."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses.exercises import services as svc
from courses.exercises.reminders import TrainerReviewDigest, iso_week
from courses.exercises.selectors import pending_reviews_by_trainer
from courses.reminders.base import all_kinds
from lms.email import email_render
from tests.courses.exercises.conftest import world  # noqa: F401  (fixture)
from tests.factories import TrainerFactory

pytestmark = [pytest.mark.django_db]

NOW = datetime.datetime(2026, 11, 27, 8, 0, tzinfo=datetime.UTC)


def _worlds(n):
    worlds = []
    for _ in range(n):
        w = world()
        svc.submission_create(user=w.participant, exercise=w.assignment, text="work")
        worlds.append(w)
    return worlds


def test_digest_is_registered_with_the_contract_key():
    kind = all_kinds()["trainer_review_digest"]
    assert isinstance(kind, TrainerReviewDigest)
    assert kind.template == "trainer_review_digest" and kind.essential is False


def test_iso_week_period():
    assert iso_week(NOW) == "2026-W48"
    assert iso_week(datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)) == "2026-W53"


def test_find_due_one_per_trainer_with_pending_reviews():
    w1, w2 = _worlds(2)
    idle = TrainerFactory()  # teaches a course with nothing waiting
    world().course.trainers.add(idle)
    reviewed = world()
    sub = svc.submission_create(user=reviewed.participant, exercise=reviewed.assignment, text="x")
    svc.review_submit(
        reviewer=reviewed.trainer,
        submission=sub,
        decision="approved",
        feedback="ok",
        scores={c.pk: 1 for c in reviewed.assignment.rubric_criteria.all()},
    )
    w2.course.trainers.add(w1.trainer)  # w1's trainer also teaches w2's course
    due = list(TrainerReviewDigest().find_due(now=NOW))
    by_user = {d.user_id: d for d in due}
    assert set(by_user) == {w1.trainer.pk, w2.trainer.pk}
    assert by_user[w1.trainer.pk].data == {"count": 2}
    assert all(d.period == "2026-W48" and d.object_key == "reviews" for d in due)


@pytest.mark.parametrize("n", [2, 6])
def test_find_due_bounded_queries(django_assert_num_queries, n):
    _worlds(n)
    # 1 trainers of courses with waiting work, 2 their course links, 3 the waiting submissions.
    with django_assert_num_queries(3):
        due = list(TrainerReviewDigest().find_due(now=NOW))
    assert len(due) == n


@pytest.mark.parametrize("n", [2, 6])
def test_contexts_bounded_queries_and_render(django_assert_num_queries, n):
    worlds = _worlds(n)
    rows = [
        SimpleNamespace(
            id=100 + i, user_id=w.trainer.pk, user=w.trainer, object_key="reviews", period="2026-W48", data={}
        )
        for i, w in enumerate(worlds)
    ]
    # 1 course links of these trainers, 2 the waiting submissions with participant, exercise, course.
    with django_assert_num_queries(2):
        contexts = TrainerReviewDigest().contexts(reminders=rows)
    assert set(contexts) == {r.id for r in rows}
    ctx = contexts[rows[0].id]
    assert ctx["total"] == 1 and ctx["queue_url"].endswith("/trainer/reviews/")
    message = email_render(
        template="trainer_review_digest",
        to=[worlds[0].trainer.email],
        context={**ctx, "user": worlds[0].trainer, "unsubscribe_url": "https://example.com/u/x/"},
    )
    assert "1 submission is waiting" in message.subject
    assert worlds[0].participant.full_name in message.body
    assert "https://example.com/u/x/" in message.alternatives[0].content


@pytest.mark.parametrize("n", [3, 12])
def test_pending_reviews_by_trainer_two_queries(django_assert_num_queries, n):
    worlds = _worlds(n)
    ids = [w.trainer.pk for w in worlds]
    with django_assert_num_queries(2):
        result = pending_reviews_by_trainer(trainer_ids=ids)
        names = [s.user.full_name + s.exercise.title + s.course.title for items in result.values() for s in items]
    assert len(names) == n
    assert all(len(result[w.trainer.pk]) == 1 for w in worlds)


def test_pending_reviews_oldest_first():
    w = world()
    other = world()
    other.course.trainers.add(w.trainer)
    first = svc.submission_create(user=other.participant, exercise=other.assignment, text="x")
    second = svc.submission_create(user=w.participant, exercise=w.assignment, text="y")
    first.__class__.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    assert [s.pk for s in pending_reviews_by_trainer(trainer_ids=[w.trainer.pk])[w.trainer.pk]] == [first.pk, second.pk]
    assert pending_reviews_by_trainer(trainer_ids=[]) == {}
