"""The practice pages read as Dutch for a Dutch user (needs the assembled catalogue: without the
practice strings in locale/nl, these pages show English and this test says which words)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from courses.exercises import services as exercise_services
from courses.models import PeerReview
from tests.courses.practice.conftest import practice_round_with_group, practice_take, world
from tests.i18n.english import content_corpus, english_on_page

pytestmark = pytest.mark.django_db


def test_practice_pages_have_no_english_interface_words(client):
    with translation.override("nl"):
        if translation.gettext("Practice groups and rounds") == "Practice groups and rounds":
            pytest.skip("the practice strings are not in the compiled Dutch catalogue yet (po/practice.po, merge)")
    w = world(peer_comments=True)
    cohort = w.participant.enrollments.get(course=w.course).cohort_membership.cohort
    exercise_services.peer_review_setup_save(exercise=w.exercise, reviewers=1, anonymous=True, days=7)
    recording = practice_take(w.participant, w.exercise)
    practice_take(w.stranger, w.exercise)  # the participant and the stranger now review each other
    review = PeerReview.objects.get(reviewer=w.participant)
    practice_round = practice_round_with_group(cohort, [w.participant, w.peer], exercise=w.exercise, online=True)
    for user in (w.participant, w.trainer, w.peer, w.stranger):
        user.language = "nl"
        user.save(update_fields=["language"])
    pages = {
        w.participant: [
            w.exercise.get_absolute_url(),
            reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug]),
            recording.get_absolute_url(),
            reverse("courses:practice_round", args=[practice_round.pk]),
            reverse("courses:peer_review_list"),
            reverse("courses:peer_review_detail", args=[review.pk]),
        ],
        w.peer: [reverse("courses:practice_round", args=[practice_round.pk])],
        w.trainer: [
            reverse("courses:cohort_practice", args=[cohort.pk]),
            reverse("courses:triads_edit", args=[cohort.pk]),
            recording.get_absolute_url(),
        ],
    }
    content = content_corpus()
    problems = []
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url, headers={"Accept-Language": "nl"})
            assert response.status_code == 200, url
            problems += [f"{url}: {word}" for word in english_on_page(response.text, content)]
    assert problems == [], "\n".join(problems)
