"""The demo (`seed_demo`): a practice conversation in Coaching Sales Professionals, a sent take with
a real generated WAV and time-stamped comments by its author, a peer and the trainer, and two
practice groups in the demo cohort with a first round observed and a second one coming."""

from __future__ import annotations

import io
import wave

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import Observation, PeerReview, PracticeRound, Recording, TimedComment, Triad

pytestmark = pytest.mark.django_db


def test_seed_demo_has_a_practice_take_groups_and_observed_round(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    recording = Recording.objects.get(
        exercise__slug="practise-the-miracle-question", user__email="alex.moreno@acme.example.com"
    )
    with recording.file.open("rb") as handle, wave.open(handle) as reader:
        assert reader.getnframes() / reader.getframerate() > 10
    assert recording.submission.status == "submitted" and recording.content_type == "audio/wav"
    authors = set(TimedComment.objects.filter(recording=recording).values_list("author__email", flat=True))
    assert {"participant@example.com", "trainer@example.com", "alex.moreno@acme.example.com"} <= authors
    assert Triad.objects.count() == 2 and PracticeRound.objects.count() == 2 and Observation.objects.count() == 2
    client.login(email="trainer@example.com", password="coach-demo-2026")
    assert client.get(recording.get_absolute_url()).status_code == 200
    cohort = Triad.objects.first().cohort
    page = client.get(reverse("courses:cohort_practice", args=[cohort.pk])).text
    assert page.count('data-testid="triad"') == 2 and "50%" in page
    client.login(email="participant@example.com", password="coach-demo-2026")
    assert client.get(recording.get_absolute_url()).status_code == 200  # a peer: the exercise lets peers comment


def test_seed_demo_peer_review_puts_a_peers_rubric_scores_beside_the_trainers(client):
    """Alex and Bea review each other's takes (one anonymous reviewer each); Bea's review of Alex is
    done, so the trainer's review page shows a "Peer 1" column next to the trainer's; Alex's review
    of Bea waits for him."""
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    alex = Recording.objects.get(user__email="alex.moreno@acme.example.com").submission
    done = PeerReview.objects.get(submission=alex)
    assert done.status == "submitted" and done.reviewer.email == "bea.schmidt@acme.example.com" and done.scores
    waiting = PeerReview.objects.get(reviewer__email="alex.moreno@acme.example.com")
    assert waiting.status == "assigned"
    client.login(email="trainer@example.com", password="coach-demo-2026")
    page = client.get(reverse("courses:review_detail", args=[alex.pk])).text
    assert 'data-testid="peer-reviews"' in page and "Peer 1" in page
