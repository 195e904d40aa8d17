"""Peer review, switched on per exercise: automatic assignment (N per submission, never the author,
only people who submitted themselves), anonymous both ways by default, late reviewers replaced,
peer scores beside the trainer's, helpful ratings by the author, and no effect on the decision."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.exercises import services as svc
from courses.learning.services import enrollment_create
from courses.models import PeerReview, RubricCriterion, Submission
from courses.practice.tasks import peer_reviews_replace_late_task
from tests.courses.exercises.conftest import world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _class(n: int = 4, *, reviewers: int = 2, anonymous: bool = True):
    w = world()
    svc.peer_review_setup_save(exercise=w.assignment, reviewers=reviewers, anonymous=anonymous, days=7)
    people = [w.participant]
    for _ in range(n - 1):
        user = UserFactory()
        enrollment_create(user=user, course=w.course)
        people.append(user)
    return w, people


def _submit_all(w, people):
    return [svc.submission_create(user=u, exercise=w.assignment, text=f"Work of {u.pk}") for u in people]


def _scores(w, value=3):
    return {c.pk: value for c in RubricCriterion.objects.filter(exercise=w.assignment)}


def test_each_submission_gets_n_reviewers_never_its_author_only_people_who_submitted():
    w, people = _class(5)
    outsider = UserFactory()
    enrollment_create(user=outsider, course=w.course)  # enrolled, never submitted: never a reviewer
    submissions = _submit_all(w, people)
    for submission in submissions:
        reviewers = set(PeerReview.objects.filter(submission=submission).values_list("reviewer_id", flat=True))
        assert len(reviewers) == 2 and submission.user_id not in reviewers and outsider.pk not in reviewers
    assert PeerReview.objects.count() == 2 * len(people)
    assert svc.peer_reviews_assign(exercise=w.assignment) == 0  # running again adds nobody


def test_peer_review_is_scored_against_the_rubric_and_never_decides():
    w, people = _class(3)
    submissions = _submit_all(w, people)
    review = PeerReview.objects.filter(submission=submissions[0]).first()
    stranger = UserFactory()
    with pytest.raises(ValidationError) as exc:
        svc.peer_review_submit(reviewer=stranger, peer_review=review, scores=_scores(w), feedback="Hm")
    assert exc.value.error_list[0].code == "not_assigned"
    with pytest.raises(ValidationError):
        svc.peer_review_submit(reviewer=review.reviewer, peer_review=review, scores=_scores(w, 99), feedback="Hm")
    svc.peer_review_submit(reviewer=review.reviewer, peer_review=review, scores=_scores(w), feedback="Clear question.")
    review.refresh_from_db()
    assert review.status == "submitted" and set(review.scores.values()) == {3}
    submissions[0].refresh_from_db()
    assert submissions[0].status == Submission.Status.SUBMITTED  # the trainer still decides


def test_late_reviewer_is_replaced_after_the_deadline():
    w, people = _class(4, reviewers=1)
    submissions = _submit_all(w, people)
    first = PeerReview.objects.get(submission=submissions[0])
    later = timezone.now() + datetime.timedelta(days=8)
    assert svc.peer_reviews_replace_late(now=later) == 4
    first.refresh_from_db()
    assert first.status == "expired"
    active = PeerReview.objects.filter(submission=submissions[0]).exclude(status="expired")
    assert active.count() == 1 and active.get().reviewer_id != first.reviewer_id
    with pytest.raises(ValidationError) as exc:
        svc.peer_review_submit(reviewer=first.reviewer, peer_review=first, scores=_scores(w), feedback="Late")
    assert exc.value.error_list[0].code == "closed"


def test_trainer_sees_peer_scores_beside_their_own_and_who_reviewed(client):
    w, people = _class(3)
    submissions = _submit_all(w, people)
    for review in PeerReview.objects.filter(submission=submissions[0]):
        svc.peer_review_submit(reviewer=review.reviewer, peer_review=review, scores=_scores(w, 2), feedback="PEER-FB")
    client.force_login(w.trainer)
    page = client.get(reverse("courses:review_detail", args=[submissions[0].pk])).text
    assert 'data-testid="peer-reviews"' in page and "Peer 1" in page and "Peer 2" in page
    assert page.count("PEER-FB") == 2
    reviewer = PeerReview.objects.filter(submission=submissions[0]).first().reviewer
    assert reviewer.get_full_name() in page  # trainers see who gave useful reviews


def test_anonymous_both_ways_and_the_author_rates_helpfulness(client):
    w, people = _class(3)
    submissions = _submit_all(w, people)
    review = PeerReview.objects.filter(submission=submissions[0]).first()
    client.force_login(review.reviewer)
    assert 'data-testid="peer-reviews-open"' in client.get(w.assignment.get_absolute_url()).text
    page = client.get(reverse("courses:peer_review_detail", args=[review.pk])).text
    assert f"Work of {w.participant.pk}" in page and w.participant.get_full_name() not in page
    post = {"feedback": "Nice"} | {f"score_{k}": v for k, v in _scores(w).items()}
    assert client.post(reverse("courses:peer_review_detail", args=[review.pk]), post).status_code == 302
    client.force_login(w.participant)
    page = client.get(w.assignment.get_absolute_url()).text
    assert 'data-testid="peer-review"' in page and review.reviewer.get_full_name() not in page
    other = people[1]
    client.force_login(other)
    assert client.post(reverse("courses:peer_review_rate", args=[review.pk]), {"helpful": "yes"}).status_code == 404
    client.force_login(w.participant)
    client.post(reverse("courses:peer_review_rate", args=[review.pk]), {"helpful": "yes"})
    review.refresh_from_db()
    assert review.helpful is True


def test_peer_review_access(client):
    w, people = _class(3)
    submissions = _submit_all(w, people)
    review = PeerReview.objects.filter(submission=submissions[0]).first()
    not_assigned = (
        next(
            u
            for u in people
            if u.pk not in {review.reviewer_id, submissions[0].user_id}
            and not PeerReview.objects.filter(submission=submissions[0], reviewer=u).exists()
        )
        if len(people) > 3
        else UserFactory()
    )  # noqa: E501
    url = reverse("courses:peer_review_detail", args=[review.pk])
    client.force_login(not_assigned)
    assert client.get(url).status_code == 404
    client.force_login(w.trainer)
    assert client.get(url).status_code == 404  # a trainer reviews on the review page, not as a peer
    client.force_login(review.reviewer)
    assert client.get(url).status_code == 200
    assert client.get(reverse("courses:peer_review_list")).text.count('data-testid="peer-review-item"') >= 1


def test_studio_switches_peer_review_on_and_off(client):
    w = world()
    client.force_login(w.trainer)
    url = reverse("courses:studio_exercise_edit", args=[w.course.slug, w.assignment.pk])
    rubric = list(RubricCriterion.objects.filter(exercise=w.assignment))
    data = {"title": "Try", "slug": w.assignment.slug, "instructions": "Do it.", "required": "on"}
    data |= {"rubric-TOTAL_FORMS": str(len(rubric)), "rubric-INITIAL_FORMS": str(len(rubric))}
    data |= {"rubric-MIN_NUM_FORMS": "0", "rubric-MAX_NUM_FORMS": "50"}
    for i, c in enumerate(rubric):
        data |= {f"rubric-{i}-id": c.pk, f"rubric-{i}-name": c.name, f"rubric-{i}-max_score": c.max_score}
        data |= {f"rubric-{i}-description": "", f"rubric-{i}-position": ""}
    on = data | {"peer-enabled": "on", "peer-reviewers": "3", "peer-days": "5"}
    assert client.post(url, on).status_code == 302
    setup = w.assignment.peer_review_setup
    assert (setup.reviewers, setup.days, setup.anonymous) == (3, 5, False)
    assert client.post(url, data).status_code == 302
    w.assignment.refresh_from_db()
    assert not hasattr(w.assignment, "peer_review_setup")


def test_late_reviewers_are_replaced_by_an_hourly_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["peer-reviews-replace-late"]
    assert entry["task"] == peer_reviews_replace_late_task.name and entry["schedule"] == 3600
    w, people = _class(3, reviewers=1)
    _submit_all(w, people)
    PeerReview.objects.update(due_at=timezone.now() - datetime.timedelta(minutes=1))
    assert peer_reviews_replace_late_task.delay().get() == 3
