"""Practice groups of three: rotation, balanced forming (avoiding colleagues when asked), one group
per participant (database), what each role sees (the coach never the role card), the observation
form, the trainer's overview, schedule and calendar feed, and the round reminder sent exactly once."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from courses.cohorts import services as cohort_services
from courses.cohorts import triads as triad_services
from courses.cohorts.selectors import calendar_feed_token
from courses.models import Observation, PracticeRound, Triad, TriadMember
from courses.reminders.services import reminders_sweep_now
from tests.courses.practice.conftest import (
    ROLE_CARD,
    SCENARIO,
    practice_round_with_group,
    session_queries,
    wav_upload,
    world,
)
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

OBSERVATION = {
    "miracle_question": "yes",
    "open_questions": "7",
    "closed_questions": "2",
    "solution_by": "coachee",
    "coach_talk_percent": "35",
    "keep": "The long pause after the miracle question.",
    "try_next": "Summarise before the scaling question.",
}


def test_roles_rotate_so_that_everyone_has_each_role_once_in_three_rounds():
    for seat in range(3):
        roles = [triad_services.role_for(seat=seat, size=3, round_number=n) for n in (1, 2, 3)]
        assert sorted(roles) == ["coach", "coachee", "observer"]
    for n in (1, 2, 3):
        assert sorted(triad_services.role_for(seat=s, size=3, round_number=n) for s in range(3)) == [
            "coach", "coachee", "observer",
        ]  # fmt: skip


def test_deal_is_balanced_and_keeps_colleagues_apart_when_asked():
    sizes = sorted(len(g) for g in triad_services.deal(list(range(1, 11))))
    assert sizes == [3, 3, 4]
    org_of = {1: 10, 2: 10, 3: 20, 4: 20, 5: 30, 6: 30}
    groups = triad_services.deal([1, 2, 3, 4, 5, 6], org_of=org_of, seed=7)
    assert all(len({org_of[u] for u in g}) == len(g) for g in groups), groups


def _cohort_with(n: int, *, orgs: int = 0):
    w = world()
    cohort = w.participant.enrollments.get(course=w.course).cohort_membership.cohort
    users = [w.participant, w.peer]
    for _ in range(n - 2):
        user = UserFactory()
        cohort_services.cohort_enroll(user=user, course=w.course, cohort=cohort, source="staff")
        users.append(user)
    if orgs:
        organizations = [OrganizationFactory() for _ in range(orgs)]
        for i, user in enumerate(users):
            Membership.objects.create(user=user, organization=organizations[i % orgs])
    return w, cohort, users


def test_trainer_forms_groups_automatically_and_schedules_rounds(client):
    w, cohort, users = _cohort_with(6, orgs=3)
    client.force_login(w.trainer)
    url = reverse("courses:cohort_practice", args=[cohort.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"form_groups": "1", "avoid_same_organization": "on"}).status_code == 302
    triads = list(Triad.objects.filter(cohort=cohort))
    assert [t.members.count() for t in triads] == [3, 3]
    for triad in triads:
        orgs = [Membership.objects.get(user_id=m.user_id).organization_id for m in triad.members.all()]
        assert len(set(orgs)) == 3
    cohort.timezone = "America/New_York"  # "Starts at" is read as the cohort's wall-clock time
    cohort.save(update_fields=["timezone"])
    start = (timezone.now() + datetime.timedelta(days=2)).astimezone(cohort.tzinfo).strftime("%Y-%m-%dT%H:%M")
    for _ in range(3):
        response = client.post(
            url, {"schedule_round": "1", "starts_at": start, "minutes": "45", "exercise": w.exercise.pk}
        )
        assert response.status_code == 302
    assert list(PracticeRound.objects.filter(cohort=cohort).values_list("number", flat=True)) == [1, 2, 3]
    first = PracticeRound.objects.get(cohort=cohort, number=1)
    assert first.starts_at.astimezone(cohort.tzinfo).strftime("%Y-%m-%dT%H:%M") == start
    page = client.get(url).text
    assert page.count('data-testid="round"') == 3 and page.count('data-testid="triad"') == 2


def test_groups_by_hand_and_one_group_per_participant(client):
    w, cohort, users = _cohort_with(4)
    client.force_login(w.trainer)
    url = reverse("courses:triads_edit", args=[cohort.pk])
    data = {
        f"user_{users[0].pk}": "1",
        f"user_{users[1].pk}": "1",
        f"user_{users[2].pk}": "2",
        f"user_{users[3].pk}": "2",
    }
    assert client.post(url, data).status_code == 302
    assert sorted(Counter(TriadMember.objects.values_list("triad__number", flat=True)).values()) == [2, 2]
    triad = Triad.objects.get(cohort=cohort, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TriadMember.objects.create(
            triad=Triad.objects.get(cohort=cohort, number=2), cohort=cohort, user=users[0], seat=9
        )
    assert triad.members.count() == 2


def test_each_role_sees_its_own_part_and_the_coach_never_the_role_card(client):
    w, cohort, users = _cohort_with(4)
    coach, coachee, observer, outsider = users
    practice_round = practice_round_with_group(cohort, [coach, coachee, observer], exercise=w.exercise)
    url = reverse("courses:practice_round", args=[practice_round.pk])
    client.force_login(coach)
    page = client.get(url).text
    assert SCENARIO in page and ROLE_CARD not in page and "observation-form" not in page
    client.force_login(coachee)
    page = client.get(url).text
    assert ROLE_CARD in page and 'data-testid="role-card"' in page
    client.force_login(observer)
    page = client.get(url).text
    assert ROLE_CARD not in page and 'data-testid="observation-form"' in page
    client.force_login(outsider)  # same cohort, not in this group
    assert client.get(url).status_code == 404
    client.force_login(w.other_trainer)
    assert client.get(url).status_code == 404
    client.force_login(w.trainer)
    assert client.get(url).status_code == 200 and ROLE_CARD not in client.get(url).text


def test_only_the_observer_fills_in_the_form_once(client):
    w, cohort, users = _cohort_with(3)
    coach, coachee, observer = users
    practice_round = practice_round_with_group(cohort, users, exercise=w.exercise)
    url = reverse("courses:practice_round", args=[practice_round.pk])
    client.force_login(coach)
    assert client.post(url, OBSERVATION).status_code == 400
    assert not Observation.objects.exists()
    client.force_login(observer)
    assert client.post(url, OBSERVATION).status_code == 302
    observation = Observation.objects.get()
    assert (observation.miracle_question, observation.open_questions, observation.coach_talk_percent) == (True, 7, 35)
    assert client.post(url, OBSERVATION).status_code == 400
    assert Observation.objects.count() == 1
    client.force_login(w.trainer)
    page = client.get(reverse("courses:cohort_practice", args=[cohort.pk])).text
    assert 'data-testid="observation-summary"' in page and "100%" in page
    not_practised = page.split('data-testid="not-practised"')[1].split("</p>")[0]
    assert coach.get_full_name() not in not_practised and observer.get_full_name() in not_practised


def test_online_round_coach_uploads_and_the_group_comments(client):
    w, cohort, users = _cohort_with(4)
    coach, coachee, observer, outsider = users
    practice_round = practice_round_with_group(cohort, [coach, coachee, observer], exercise=w.exercise, online=True)
    url = reverse("courses:practice_round", args=[practice_round.pk])
    client.force_login(coach)
    assert client.post(url, {"file": wav_upload()}).status_code == 302
    recording = w.exercise.practice_recordings.get()
    assert recording.triad_id is not None and recording.submission_id is None
    client.force_login(observer)
    assert (
        client.post(
            recording.get_absolute_url(), {"at": "0:01", "text": "Open question!", "tone": "praise"}
        ).status_code
        == 302
    )
    client.force_login(outsider)
    assert client.get(recording.get_absolute_url()).status_code == 404
    client.force_login(w.trainer)
    assert client.get(reverse("courses:recording_media", args=[recording.pk])).status_code == 200


def test_rounds_in_schedule_and_calendar_feed(client):
    w, cohort, users = _cohort_with(3)
    practice_round = practice_round_with_group(cohort, users, exercise=w.exercise)
    client.force_login(users[0])
    page = client.get(reverse("courses:cohort_schedule", args=[w.course.slug])).text
    assert 'data-testid="practice-rounds"' in page and "you are the coach" in page
    feed = cohort_services.calendar_feed_get_or_create(user=users[1])
    body = client.get(reverse("courses:calendar_feed", args=[calendar_feed_token(feed=feed)])).content.decode()
    assert practice_round.uid in body and "you are the coachee" in body


def test_round_reminder_is_sent_exactly_once():
    w, cohort, users = _cohort_with(3)
    practice_round_with_group(cohort, users, exercise=w.exercise)
    mail.outbox.clear()
    reminders_sweep_now()
    reminders_sweep_now()
    subjects = [m.subject for m in mail.outbox if "practice round" in m.subject]
    assert len(subjects) == 3, subjects
    assert sorted(m.to[0] for m in mail.outbox if "practice round" in m.subject) == sorted(u.email for u in users)


@pytest.mark.parametrize("n_groups", [3, 60])
def test_cohort_practice_query_count_flat(client, django_assert_num_queries, n_groups):
    w = world()
    cohort = w.participant.enrollments.get(course=w.course).cohort_membership.cohort
    cohort.capacity = 500
    cohort.save(update_fields=["capacity"])
    users = UserFactory.create_batch(3 * n_groups)
    for user in users:
        cohort_services.cohort_enroll(user=user, course=w.course, cohort=cohort, source="staff")
    triad_services.triads_set(cohort=cohort, groups=[[u.pk for u in users[i : i + 3]] for i in range(0, len(users), 3)])
    start = timezone.now() + datetime.timedelta(days=1)
    for n in range(3):
        begins = start + datetime.timedelta(days=n)
        triad_services.practice_round_schedule(
            cohort=cohort,
            starts_at=begins,
            ends_at=begins + datetime.timedelta(hours=1),
            online=False,
            exercise=w.exercise,
        )
    client.force_login(w.trainer)
    # session (db sessions only), 1 user, 2 cohort (the trainer check is in its WHERE), 3 exercises for the
    # round form, 4 groups, 5 their members with users, 6 rounds with exercise, 7 observations,
    # 8 cohort participants with users, 9 who of them recorded a practice conversation.
    with django_assert_num_queries(session_queries() + 9):
        response = client.get(reverse("courses:cohort_practice", args=[cohort.pk]))
    assert response.text.count('data-testid="triad"') == n_groups
