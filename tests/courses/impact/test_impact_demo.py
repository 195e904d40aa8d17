"""seed_demo tells Acme's impact story: idempotent, all four levels with numbers, some withheld."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from courses.models import (
    KpiValue,
    ObserverResponse,
    ObserverRound,
    PulseResponse,
    PulseRound,
    QuizAttempt,
    ReactionSurvey,
    SeatLicence,
)

pytestmark = pytest.mark.django_db

MODELS = (ObserverRound, ObserverResponse, PulseResponse, ReactionSurvey, QuizAttempt, KpiValue)


def _counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_demo_impact_story_is_idempotent_and_reads_as_a_mixed_picture(client):
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert first["ObserverRound"] >= 8 * 4 and first["KpiValue"] == 8 * 6
    # Some rounds have fewer than 3 answers, some have 3 to 6.
    per_round = [r.responses.count() for r in ObserverRound.objects.all()]
    assert min(per_round) == 2 and max(per_round) == 6
    licence = SeatLicence.objects.get(organization__slug="acme-sales", course__slug="successfully-changing-behavior")
    client.force_login(User.objects.get(email="orgadmin@example.com"))
    url = reverse("courses:impact_licence", kwargs={"org_slug": "acme-sales", "pk": licence.pk})
    html = client.get(url).content.decode()
    for heading in ("Level 1 · Reaction", "Level 2 · Learning", "Level 3 · Behaviour", "Level 4 · Results"):
        assert heading in html
    assert "Win rate (%)" in html and "A trend, not proof." in html
    assert "observer1." not in html and "team1." not in html  # no one's address, no one's answers
    for suffix in ("_csv", "_pdf"):
        assert (
            client.get(
                reverse(f"courses:impact_licence{suffix}", kwargs={"org_slug": "acme-sales", "pk": licence.pk})
            ).status_code
            == 200
        )


def test_demo_team_pulse_has_a_before_and_after_the_organization_can_see(client):
    """At least 5 participants have 3 or more team answers in both rounds, so the pulse row shows an
    average, and someone's round stays under the threshold (the picture is not perfect)."""
    call_command("seed_demo", stdout=io.StringIO())
    licence = SeatLicence.objects.get(organization__slug="acme-sales", course__slug="successfully-changing-behavior")
    client.force_login(User.objects.get(email="orgadmin@example.com"))
    html = client.get(reverse("courses:impact_licence", kwargs={"org_slug": "acme-sales", "pk": licence.pk})).content
    section = html.decode().split("Team coaching pulse, before and after", 1)[1].split("Level 4", 1)[0]
    assert "Before the course, all items" in section
    assert section.count("fewer than 5 people") == 0
    answers = [r.responses.count() for r in PulseRound.objects.all()]
    assert min(answers) < 3 <= max(answers)
