"""Who may see what: every practice URL over owner, course trainer, peer (only where the exercise
allows it, only once sent), a participant of another group, another course's trainer and anonymous.
The coach (the participant) never sees the coachee's role card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.exercises import services as exercise_services
from courses.models import PeerReview
from courses.practice.models import TimedComment
from tests.courses.practice.conftest import ROLE_CARD, SCENARIO, practice_take, world

pytestmark = pytest.mark.django_db

RECORDING_URLS = ["courses:recording_detail", "courses:recording_media"]


def _status(client, user, url, **kwargs) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url, **kwargs).status_code


@pytest.mark.parametrize("name", RECORDING_URLS)
@pytest.mark.parametrize("peer_comments", [False, True])
def test_sent_take_is_seen_by_owner_trainer_and_peers_only_when_enabled(client, name, peer_comments):
    w = world(peer_comments=peer_comments)
    recording = practice_take(w.participant, w.exercise)
    url = reverse(name, args=[recording.pk])
    assert _status(client, w.participant, url) == 200
    assert _status(client, w.trainer, url) == 200
    assert _status(client, w.peer, url) == (200 if peer_comments else 404)
    assert _status(client, w.stranger, url) == 404  # same course, another group
    assert _status(client, w.other_trainer, url) == 404
    assert _status(client, None, url) == 302  # to the login page
    # Range requests are checked the same way.
    assert _status(client, w.other_trainer, url, HTTP_RANGE="bytes=0-10") == 404


@pytest.mark.parametrize("name", RECORDING_URLS)
def test_draft_take_is_seen_by_its_owner_only(client, name):
    w = world(peer_comments=True)
    recording = practice_take(w.participant, w.exercise, send=False)
    url = reverse(name, args=[recording.pk])
    assert _status(client, w.participant, url) == 200
    for user in (w.trainer, w.peer, w.stranger, w.other_trainer):
        assert _status(client, user, url) == 404


def test_only_the_owner_sends_and_others_cannot_comment_without_access(client):
    w = world()
    recording = practice_take(w.participant, w.exercise, send=False)
    send = reverse("courses:recording_send", args=[recording.pk])
    detail = reverse("courses:recording_detail", args=[recording.pk])
    for user in (w.trainer, w.peer, w.stranger, w.other_trainer):
        client.force_login(user)
        assert client.post(send, {"text": "Sent by someone else"}).status_code == 404
        assert client.post(detail, {"at": "0:01", "text": "Sneaky"}).status_code == 404
    recording.refresh_from_db()
    assert recording.submission is None
    assert not TimedComment.objects.exclude(author=w.participant).exists()


def test_peer_comments_on_a_sent_take_when_enabled(client):
    w = world(peer_comments=True)
    recording = practice_take(w.participant, w.exercise)
    client.force_login(w.peer)
    page = reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug])
    assert recording.get_absolute_url() in client.get(page).text  # listed under the group's takes
    response = client.post(recording.get_absolute_url(), {"at": "0:01", "text": "Good pause", "tone": "praise"})
    assert response.status_code == 302
    assert TimedComment.objects.filter(author=w.peer, at_ms=1000).exists()


def test_practice_page_needs_an_enrollment_or_the_course(client):
    w = world()
    url = reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug])
    assert _status(client, w.participant, url) == 200
    assert _status(client, w.trainer, url) == 200
    assert _status(client, w.other_trainer, url) == 404
    assert _status(client, None, url) == 302


def test_the_coach_never_sees_the_role_card(client):
    w = world(peer_comments=True)
    recording = practice_take(w.participant, w.exercise)
    pages = [
        w.exercise.get_absolute_url(),
        reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug]),
        recording.get_absolute_url(),
    ]
    for user in (w.participant, w.peer):
        client.force_login(user)
        for url in pages:
            text = client.get(url).text
            assert SCENARIO in text or url == recording.get_absolute_url()
            assert ROLE_CARD not in text and "ROLE-CARD-SECRET" not in text, url


def test_assigned_peer_reviewer_opens_the_take_without_names(client):
    w = world()
    exercise_services.peer_review_setup_save(exercise=w.exercise, reviewers=1, anonymous=True, days=7)
    first = practice_take(w.participant, w.exercise)
    practice_take(w.stranger, w.exercise)  # another group: a reviewer by peer review, not by cohort
    review = PeerReview.objects.get(submission=first.submission)
    assert review.reviewer == w.stranger
    client.force_login(w.stranger)
    page = client.get(first.get_absolute_url())
    assert page.status_code == 200
    assert w.participant.get_full_name() not in page.text and "a participant" in page.text
    assert client.get(reverse("courses:recording_media", args=[first.pk])).status_code == 200
    client.force_login(w.peer)  # same cohort, but peers may not comment on this exercise and no review
    assert client.get(first.get_absolute_url()).status_code == 404
