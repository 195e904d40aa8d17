"""Making a commitment plan: the rules, the page, and the buddy invitation."""

from __future__ import annotations

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from courses.followup.services import CommitmentInput, buddy_respond, plan_create
from courses.models import Buddy, CheckIn, Commitment, CommitmentPlan, ExerciseCompletion
from tests.courses.followup.conftest import commitments, make_plan, participant, plan_exercise  # noqa: F401
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    exercise = plan_exercise()
    user = participant(exercise.course)
    return exercise, user


def _post_data(n_filled=1, *, total=3, rhythm="default", dates=(), **extra):
    data = {
        "commitments-TOTAL_FORMS": str(total),
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "3",
        "rhythm": rhythm,
    }
    for i in range(total):
        if i < n_filled:
            data[f"commitments-{i}-situation"] = f"a rep brings me a problem {i}"
            data[f"commitments-{i}-behaviour"] = f"ask two questions first {i}"
    for i, d in enumerate(dates, start=1):
        data[f"date_{i}"] = d.isoformat()
    data.update(extra)
    return data


def test_plan_create_default_checkins_after_1_3_and_8_weeks(setup):
    exercise, user = setup
    plan = make_plan(user, exercise, n=2)
    today = timezone.localdate()
    days = [timezone.localdate(c.due_at) for c in plan.checkins.order_by("due_at")]
    assert days == [today + datetime.timedelta(weeks=w) for w in (1, 3, 8)]
    assert [c.sentence for c in plan.commitments.all()] == [
        "When situation 1, I will do thing 1",
        "When situation 2, I will do thing 2",
    ]


def test_plan_create_marks_plan_exercise_complete(setup):
    exercise, user = setup
    make_plan(user, exercise)
    assert ExerciseCompletion.objects.filter(user=user, exercise=exercise).exists()


def test_plan_create_custom_dates(setup):
    exercise, user = setup
    today = timezone.localdate()
    dates = [today + datetime.timedelta(days=2), today + relativedelta(months=6)]
    plan = make_plan(user, exercise, dates=dates)
    assert [timezone.localdate(c.due_at) for c in plan.checkins.all()] == dates


@pytest.mark.parametrize("offset", [0, -1])
def test_plan_create_refuses_date_not_in_future(setup, offset):
    exercise, user = setup
    with pytest.raises(ValidationError) as exc:
        make_plan(user, exercise, dates=[timezone.localdate() + datetime.timedelta(days=offset)])
    assert "checkin_dates" in exc.value.message_dict
    assert "not in the future" in exc.value.message_dict["checkin_dates"][0]
    assert not CommitmentPlan.objects.exists()


def test_plan_create_refuses_date_more_than_6_months_ahead(setup):
    exercise, user = setup
    too_far = timezone.localdate() + relativedelta(months=6) + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        make_plan(user, exercise, dates=[too_far])
    assert "more than 6 months ahead" in exc.value.message_dict["checkin_dates"][0]
    assert not CommitmentPlan.objects.exists()


def test_plan_create_refuses_more_than_3_commitments(setup):
    exercise, user = setup
    with pytest.raises(ValidationError) as exc:
        plan_create(user=user, exercise=exercise, commitments=commitments(4))
    assert "at most 3" in exc.value.message_dict["commitments"][0]
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    "items",
    [[], [CommitmentInput("   ", "I will listen")], [CommitmentInput("a rep calls", "")]],
    ids=["none", "no-situation", "no-behaviour"],
)
def test_plan_create_refuses_empty_commitment(setup, items):
    exercise, user = setup
    with pytest.raises(ValidationError) as exc:
        plan_create(user=user, exercise=exercise, commitments=items)
    assert "commitments" in exc.value.message_dict
    assert not CommitmentPlan.objects.exists()


def test_plan_create_refuses_second_plan_for_same_exercise(setup):
    exercise, user = setup
    make_plan(user, exercise)
    with pytest.raises(ValidationError):
        make_plan(user, exercise)
    assert CommitmentPlan.objects.count() == 1


def test_plan_create_refuses_self_as_buddy(setup):
    exercise, user = setup
    with pytest.raises(ValidationError) as exc:
        make_plan(user, exercise, buddy_email=user.email.upper())
    assert "buddy_email" in exc.value.message_dict


def test_plan_create_invites_buddy_with_accept_link(setup, client, django_capture_on_commit_callbacks):
    exercise, user = setup
    with django_capture_on_commit_callbacks(execute=True):
        plan = make_plan(user, exercise, buddy_email="Manager@Example.com")
    buddy = plan.buddy
    assert buddy.status == Buddy.Status.INVITED and buddy.email == "manager@example.com"
    # Completing the plan may also finish the course (certificate mail): look at the buddy's mail.
    to_buddy = [m for m in mail.outbox if m.to == ["manager@example.com"]]
    assert len(to_buddy) == 1
    message = to_buddy[0]
    assert "When situation 1, I will do thing 1" in message.body
    assert "because 1" not in message.body  # the private "why" is not sent
    assert message.alternatives and "text/html" == message.alternatives[0].mimetype
    link = re.search(r"http\S+/buddy/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(f"/{path}", {"decision": "accept"})
    assert response.status_code == 302
    buddy.refresh_from_db()
    assert buddy.status == Buddy.Status.ACCEPTED and buddy.accepted_at is not None


def test_buddy_respond_decline_is_final(setup):
    exercise, user = setup
    plan = make_plan(user, exercise, buddy_email="friend@example.com")
    buddy = buddy_respond(buddy=plan.buddy, accept=False)
    assert buddy.status == Buddy.Status.DECLINED
    assert buddy_respond(buddy=buddy, accept=True).status == Buddy.Status.DECLINED


def test_plan_create_view_makes_plan(setup, client):
    exercise, user = setup
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:plan_create", args=[exercise.course.slug, exercise.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data(2))
    assert response.status_code == 302 and response.url == reverse("courses:followup")
    plan = CommitmentPlan.objects.get(user=user)
    assert plan.commitments.count() == 2 and plan.checkins.count() == 3
    # Coming back shows the plan instead of a second form.
    assert "You made your plan" in client.get(url).content.decode()


def test_plan_create_view_errors_change_nothing(setup, client):
    exercise, user = setup
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:plan_create", args=[exercise.course.slug, exercise.slug])
    past = timezone.localdate() - datetime.timedelta(days=3)
    cases = [
        (_post_data(0), "Write at least one commitment"),
        (_post_data(1, **{"commitments-1-situation": "only a situation"}), "incomplete"),
        (_post_data(4, total=4), "at most 3"),
        (_post_data(1, rhythm="custom", dates=[past]), "not in the future"),
        (
            _post_data(1, rhythm="custom", dates=[timezone.localdate() + relativedelta(months=7)]),
            "more than 6 months ahead",
        ),
        (_post_data(1, rhythm="custom"), "Choose at least one date"),
    ]
    for data, expected in cases:
        response = client.post(url, data)
        assert response.status_code == 200, expected
        assert expected in response.content.decode(), expected
    assert not CommitmentPlan.objects.exists()
    assert not CheckIn.objects.exists()


def test_exercise_partials_link_to_followup_pages(setup):
    from django.template.loader import render_to_string

    from courses.models import Exercise
    from tests.factories import ExerciseFactory, ModuleFactory

    exercise, _user = setup
    html = render_to_string("courses/followup/includes/exercise_plan.html", {"exercise": exercise})
    assert reverse("courses:plan_create", args=[exercise.course.slug, exercise.slug]) in html
    done = render_to_string("courses/followup/includes/exercise_plan.html", {"exercise": exercise, "completed": True})
    assert "You made your commitment plan" in done and reverse("courses:followup") in done
    log = ExerciseFactory(module=ModuleFactory(course=exercise.course), kind=Exercise.Kind.PRACTICE_LOG)
    html = render_to_string("courses/followup/includes/exercise_practice_log.html", {"exercise": log})
    assert f"{reverse('courses:practice_log_create')}?course={exercise.course.slug}" in html


def test_nav_shows_my_followup_when_logged_in(setup, client):
    _exercise, user = setup
    nav = 'href="{}">My follow-up'.format(reverse("courses:followup"))
    assert nav not in client.get(reverse("courses:checkin_thanks")).content.decode()
    client.login(email=user.email, password=PASSWORD)
    assert nav in client.get(reverse("courses:checkin_thanks")).content.decode()


def test_commitment_sentence_is_written_in_the_readers_language_around_the_participants_words():
    commitment = Commitment(
        situation="Als een rep om advies vraagt,", behaviour="dan vraag ik eerst wat hij zelf denkt"
    )
    with translation.override("nl"):
        dutch = commitment.sentence
    with translation.override("en"):
        english = Commitment(situation="when a rep asks", behaviour="I will ask first").sentence
    assert english == "When a rep asks, I will ask first"
    assert dutch == "Als een rep om advies vraagt, dan vraag ik eerst wat hij zelf denkt"
