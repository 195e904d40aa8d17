"""The team coaching pulse: switched on by an org admin or a trainer, answered by the team through
signed links, shown from 3 answers to the participant and from 5 people in a group."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.impact.models_pulse import PULSE_ITEMS
from courses.impact.selectors.pulse import participant_pulse
from courses.impact.services_pulse import pulse_answer, pulse_switch, pulse_url, team_set
from courses.impact.tokens import pulse_token_dumps
from courses.models import PulseActivation, PulseResponse, PulseRound, Reminder, TeamMember
from courses.reminders.engine import reminders_send_batch, reminders_sweep
from tests.courses.cohorts.conftest import make_cohort
from tests.courses.impact.conftest import add_people, world

pytestmark = pytest.mark.django_db

ALL_FIVE = {key: 5 for key, _label in PULSE_ITEMS}


def _team(w, user, n=3):
    return team_set(user=user, course=w.course, emails=[f"t{user.pk}-{i}@example.com" for i in range(n)])


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _on(w):
    pulse_switch(on=True, by=w.admin, organization=w.organization)


def test_org_admin_switches_the_pulse_on_and_off(client):
    w = world()
    client.force_login(w.admin)
    url = reverse("courses:impact_licence", kwargs={"org_slug": w.organization.slug, "pk": w.licence.pk})
    assert client.post(url, {"action": "pulse", "pulse": "1"}).status_code == 302
    assert PulseActivation.objects.filter(organization=w.organization).exists()
    client.post(url, {"action": "pulse", "pulse": "0"})
    assert not PulseActivation.objects.exists()


def test_trainer_switches_the_pulse_on_for_a_cohort(client):
    w = world()
    cohort = make_cohort(course=w.course)
    client.force_login(w.trainer)
    client.post(reverse("courses:impact_cohort", kwargs={"pk": cohort.pk}), {"action": "pulse", "pulse": "1"})
    assert PulseActivation.objects.filter(cohort=cohort).exists()
    # A trainer's course page has no pulse switch: nothing is switched.
    client.post(reverse("courses:impact_course", kwargs={"slug": w.course.slug}), {"action": "pulse", "pulse": "1"})
    assert PulseActivation.objects.count() == 1


@pytest.mark.parametrize(
    ("emails", "message"),
    [
        ("{own}\na@example.com\nb@example.com", "remove your own address"),
        ("a@example.com\na@example.com\nb@example.com", "listed more than once"),
        ("a@example.com\nb@example.com", "at least 3"),
        ("\n".join(f"x{i}@example.com" for i in range(16)), "at most 15"),
    ],
)
def test_team_bad_input_saves_nothing(client, emails, message):
    w = world()
    _on(w)
    user = add_people(w, 1)[0]
    client.force_login(user)
    url = reverse("courses:team_pulse", kwargs={"course_slug": w.course.slug})
    response = client.post(url, {"emails": emails.format(own=user.email)})
    assert message in response.content.decode()
    assert not TeamMember.objects.exists() and not PulseRound.objects.exists()


def test_team_page_when_the_pulse_is_off(client):
    w = world()
    user = add_people(w, 1)[0]
    client.force_login(user)
    url = reverse("courses:team_pulse", kwargs={"course_slug": w.course.slug})
    assert "not switched on" in client.get(url).content.decode()
    client.post(url, {"emails": "a@example.com\nb@example.com\nc@example.com"})
    assert not TeamMember.objects.exists()


def test_team_named_opens_before_and_dates_the_after_round():
    w = world()
    _on(w)
    user = add_people(w, 1, ended_days_ago=10)[0]
    _team(w, user)
    before = PulseRound.objects.get(user=user, phase="before")
    after = PulseRound.objects.get(user=user, phase="after")
    assert before.opens_at <= timezone.now() < after.opens_at
    assert (after.opens_at.date() - timezone.localdate()).days in range(45, 48)  # 8 weeks after the end


def test_pulse_link_answers_once_and_refuses_the_rest(client):
    w = world()
    _on(w)
    user, other = add_people(w, 2, ended_days_ago=10)  # the "after" round is weeks away
    members = _team(w, user)
    _team(w, other)
    before = PulseRound.objects.get(user=user, phase="before")
    path = _path(pulse_url(member=members[0], round_=before))
    assert client.get(path).status_code == 200
    assert client.post(path, {key: "6" for key, _l in PULSE_ITEMS}).status_code == 302
    again = client.post(path, {key: "1" for key, _l in PULSE_ITEMS})
    assert again.status_code == 200 and "your answers are in" in again.content.decode()
    assert PulseResponse.objects.count() == 1
    assert client.get(path[:-4] + "xyz/").status_code == 404  # tampered
    other_round = PulseRound.objects.get(user=other, phase="before")
    token = pulse_token_dumps(member_id=members[0].pk, round_id=other_round.pk)
    assert client.get(reverse("courses:pulse_answer", kwargs={"token": token})).status_code == 404
    after = PulseRound.objects.get(user=user, phase="after")
    token = pulse_token_dumps(member_id=members[0].pk, round_id=after.pk)
    assert client.get(reverse("courses:pulse_answer", kwargs={"token": token})).status_code == 403
    old = timezone.now() - datetime.timedelta(days=29)
    with mock.patch("django.core.signing.time.time", return_value=old.timestamp()):
        token = pulse_token_dumps(member_id=members[1].pk, round_id=before.pk)
    assert client.get(reverse("courses:pulse_answer", kwargs={"token": token})).status_code == 410


def test_participant_sees_averages_from_three_answers():
    w = world()
    _on(w)
    user = add_people(w, 1)[0]
    members = _team(w, user, n=4)
    before = PulseRound.objects.get(user=user, phase="before")
    for member in members[:2]:
        pulse_answer(member=member, round_=before, ratings=ALL_FIVE)
    assert all(row.before is None for row in participant_pulse(user=user, course=w.course).rows)
    pulse_answer(member=members[2], round_=before, ratings={**ALL_FIVE, "asks_first": 2})
    rows = participant_pulse(user=user, course=w.course).rows
    assert rows[0].before == 4.0 and rows[1].before == 5.0


def test_group_view_needs_five_people(client):
    w = world()
    _on(w)
    people = add_people(w, 5)
    for i, user in enumerate(people):
        members = _team(w, user)
        PulseRound.objects.filter(user=user, phase="after").update(opens_at=timezone.now())
        for phase, value in (("before", 3), ("after", 5)):
            round_ = PulseRound.objects.get(user=user, phase=phase)
            for member in members if i else members[:2]:  # the first person's rounds have 2 answers only
                pulse_answer(member=member, round_=round_, ratings=dict.fromkeys(ALL_FIVE, value))
    client.force_login(w.admin)
    url = reverse("courses:impact_licence", kwargs={"org_slug": w.organization.slug, "pk": w.licence.pk})
    html = client.get(url).content.decode()
    section = html.split("Team coaching pulse, before and after")[1].split("Level 4")[0]
    assert "fewer than 5 people" in section and "5.0" not in section
    extra = add_people(w, 1)[0]
    members = _team(w, extra)
    PulseRound.objects.filter(user=extra, phase="after").update(opens_at=timezone.now())
    for phase, value in (("before", 3), ("after", 5)):
        for member in members:
            pulse_answer(
                member=member,
                round_=PulseRound.objects.get(user=extra, phase=phase),
                ratings=dict.fromkeys(ALL_FIVE, value),
            )
    section = client.get(url).content.decode().split("Team coaching pulse, before and after")[1].split("Level 4")[0]
    assert "3.0" in section and "5.0" in section


def test_pulse_emails_exactly_once_and_naming_no_one_else(django_capture_on_commit_callbacks):
    w = world()
    _on(w)
    user = add_people(w, 1)[0]
    members = _team(w, user)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            for ids in reminders_sweep(now=timezone.now()).batches:
                reminders_send_batch(ids=ids)
    for member in members:
        sent = [m for m in mail.outbox if m.to == [member.email]]
        assert len(sent) == 1
        assert "/team-pulse/" in sent[0].body
        assert not any(o.email in sent[0].body for o in members if o != member)
    assert Reminder.objects.filter(kind="pulse_invite").count() == 3
