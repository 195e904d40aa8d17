"""Answering check-ins through the signed link: refusals, the form, and what it changes."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.followup.services import (
    CHECKIN_TOKEN_SALT,
    CommitmentAnswerInput,
    buddy_respond,
    checkin_answer,
    checkin_token_create,
)
from courses.models import CheckIn, CheckInAnswer, Commitment
from tests.courses.followup.conftest import (  # noqa: F401
    complete_course,
    make_due,
    make_plan,
    participant,
    plan_exercise,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    exercise = plan_exercise()
    user = participant(exercise.course)
    return make_plan(user, exercise, n=2)


def _url(token: str) -> str:
    return reverse("courses:checkin_answer", kwargs={"token": token})


def _answer_data(plan, *, did="yes", natural=7, decisions=None, **extra):
    data = {"what_happened": "Private: it went well with J.", "next_step": "Private: keep going."}
    for i, c in enumerate(plan.commitments.order_by("position")):
        data[f"c{c.pk}-did_it"] = did
        data[f"c{c.pk}-naturalness"] = str(natural)
        data[f"c{c.pk}-decision"] = (decisions or {}).get(i, "keep")
        data[f"c{c.pk}-situation"] = c.situation
        data[f"c{c.pk}-behaviour"] = c.behaviour
    data.update(extra)
    return data


def test_checkin_link_works_without_login(client, plan):
    checkin = make_due(plan.checkins.first())
    response = client.get(_url(checkin_token_create(checkin=checkin)))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="range"' in body and "When situation 1, I will do thing 1" in body
    # The slider has a visible number label without JavaScript.
    assert ">5</output>/10" in body and "<span>0</span>" in body and "<span>10</span>" in body


def test_checkin_answer_records_and_is_single_use(client, plan):
    checkin = make_due(plan.checkins.first())
    url = _url(checkin_token_create(checkin=checkin))
    response = client.post(url, _answer_data(plan, did="partly", natural=8))
    assert response.status_code == 302 and response.url == reverse("courses:checkin_thanks")
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.ANSWERED and checkin.answered_at is not None
    assert checkin.what_happened.startswith("Private")
    assert list(checkin.answers.values_list("did_it", "naturalness")) == [("partly", 8), ("partly", 8)]
    # The reused link is refused, for GET and POST, and nothing changes.
    assert client.get(url).status_code == 410
    assert client.post(url, _answer_data(plan, did="yes")).status_code == 410
    assert CheckInAnswer.objects.filter(checkin=checkin, did_it="yes").count() == 0


def test_checkin_link_refuses_expired_token(client, plan):
    checkin = make_due(plan.checkins.first())
    fifteen_days_ago = time.time() - 15 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=fifteen_days_ago):
        token = checkin_token_create(checkin=checkin)
    assert client.get(_url(token)).status_code == 410
    assert client.post(_url(token), _answer_data(plan)).status_code == 410
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.SCHEDULED


def test_checkin_link_within_14_days_still_works(client, plan):
    checkin = make_due(plan.checkins.first())
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 13 * 24 * 3600):
        token = checkin_token_create(checkin=checkin)
    assert client.get(_url(token)).status_code == 200


def test_checkin_link_refuses_tampered_token(client, plan):
    checkin = make_due(plan.checkins.first())
    token = checkin_token_create(checkin=checkin)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(_url(tampered)).status_code == 404
    assert client.get(_url("not-a-token")).status_code == 404
    # Signed with another salt (e.g. a token from another feature): refused.
    other = signing.dumps({"c": checkin.pk, "n": checkin.nonce}, salt="something-else")
    assert client.get(_url(other)).status_code == 404


def test_checkin_link_refuses_another_persons_checkin(client, plan):
    mine = make_due(plan.checkins.first())
    other_exercise = plan_exercise()
    other_user = participant(other_exercise.course)
    theirs = make_due(make_plan(other_user, other_exercise).checkins.first())
    # A genuinely signed token that names their check-in with my nonce: refused.
    forged = signing.dumps({"c": theirs.pk, "n": mine.nonce}, salt=CHECKIN_TOKEN_SALT)
    assert client.get(_url(forged)).status_code == 404
    assert client.post(_url(forged), _answer_data(theirs.plan)).status_code == 404
    # Logged in as someone else, their link is refused too.
    client.login(email=plan.user.email, password=PASSWORD)
    assert client.get(_url(checkin_token_create(checkin=theirs))).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == CheckIn.Status.SCHEDULED


def test_checkin_answer_adjust_close_and_new_date(client, plan):
    checkin = make_due(plan.checkins.first())
    first, second = plan.commitments.order_by("position")
    new_day = timezone.localdate() + datetime.timedelta(days=10)
    data = _answer_data(plan, decisions={0: "adjust", 1: "close"}, new_checkin_date=new_day.isoformat())
    data[f"c{first.pk}-behaviour"] = "I will ask three open questions"
    response = client.post(_url(checkin_token_create(checkin=checkin)), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Commitment.Status.ADJUSTED and first.behaviour == "I will ask three open questions"
    assert second.status == Commitment.Status.CLOSED
    assert new_day in [timezone.localdate(c.due_at) for c in plan.checkins.all()]


def test_checkin_answer_bad_input_changes_nothing(client, plan):
    checkin = make_due(plan.checkins.first())
    url = _url(checkin_token_create(checkin=checkin))
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    for data, expected in [
        (_answer_data(plan, natural=11), "less than or equal to 10"),
        (_answer_data(plan, did="maybe"), "Select a valid choice"),
        (_answer_data(plan, new_checkin_date=past), "not in the future"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert expected in response.content.decode()
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.SCHEDULED and not CheckInAnswer.objects.exists()


def test_checkin_answer_closing_everything_ends_schedule(client, plan):
    checkin = make_due(plan.checkins.first())
    client.post(_url(checkin_token_create(checkin=checkin)), _answer_data(plan, decisions={0: "close", 1: "close"}))
    assert list(plan.checkins.values_list("status", flat=True)) == [CheckIn.Status.ANSWERED]


def test_checkin_answer_marks_earlier_open_checkins_missed(client, plan):
    first, second, _third = plan.checkins.order_by("due_at")
    make_due(first, ago=datetime.timedelta(days=20))
    make_due(second)
    client.post(_url(checkin_token_create(checkin=second)), _answer_data(plan))
    first.refresh_from_db()
    assert first.status == CheckIn.Status.MISSED


def test_checkin_buddy_gets_summary_without_reflection(client, django_capture_on_commit_callbacks):
    exercise = plan_exercise()
    user = participant(exercise.course)
    plan = make_plan(user, exercise, buddy_email="buddy@example.com")
    checkin = make_due(plan.checkins.first())
    url = _url(checkin_token_create(checkin=checkin))
    buddy_respond(buddy=plan.buddy, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _answer_data(plan, did="partly", natural=4))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buddy@example.com"]
    html = message.alternatives[0].content
    for part in (message.body, html):
        assert "Partly" in part and "When situation 1, I will do thing 1" in part
        assert "Private" not in part and "because 1" not in part  # neither the reflection nor the reason


def test_checkin_no_buddy_copy_before_acceptance(client, django_capture_on_commit_callbacks):
    exercise = plan_exercise()
    user = participant(exercise.course)
    plan = make_plan(user, exercise, buddy_email="buddy@example.com")
    checkin = make_due(plan.checkins.first())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(checkin_token_create(checkin=checkin)), _answer_data(plan))
    assert [m.to for m in mail.outbox] == []  # the invitation was not committed here; no summary either


def test_checkins_keep_working_after_course_completed(client, plan):
    complete_course(plan.user, plan.course)
    checkin = make_due(plan.checkins.first())
    response = client.post(_url(checkin_token_create(checkin=checkin)), _answer_data(plan))
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.ANSWERED
    # And the participant still sees it on their page.
    client.login(email=plan.user.email, password=PASSWORD)
    assert "Answered" in client.get(reverse("courses:followup")).content.decode()


def test_checkin_open_gives_owner_a_fresh_link(client, plan):
    checkin = make_due(plan.checkins.first())
    client.login(email=plan.user.email, password=PASSWORD)
    response = client.get(reverse("courses:checkin_open", args=[checkin.pk]))
    assert response.status_code == 302 and response.url.startswith("/check-in/")
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    "answer",
    [
        CommitmentAnswerInput(did_it="yes", naturalness=11),
        CommitmentAnswerInput(did_it="maybe", naturalness=5),
        CommitmentAnswerInput(did_it="yes", naturalness=5, decision="adjust", situation=" ", behaviour="x"),
    ],
    ids=["naturalness", "did_it", "empty-adjust"],
)
def test_checkin_answer_service_refuses_bad_answers(plan, answer):
    checkin = make_due(plan.checkins.first())
    with pytest.raises(ValidationError) as exc:
        checkin_answer(checkin=checkin, answers={c.pk: answer for c in plan.commitments.all()})
    assert "answers" in exc.value.message_dict
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.SCHEDULED and not CheckInAnswer.objects.exists()


def test_checkin_answer_service_requires_every_open_commitment(plan):
    checkin = make_due(plan.checkins.first())
    first = plan.commitments.first()
    with pytest.raises(ValidationError):
        checkin_answer(checkin=checkin, answers={first.pk: CommitmentAnswerInput(did_it="yes", naturalness=5)})
    assert not CheckInAnswer.objects.exists()
