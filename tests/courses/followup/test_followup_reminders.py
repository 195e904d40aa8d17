"""Check-in reminder kinds against the reminder contract (courses.reminders.base)."""

from __future__ import annotations

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from courses.followup.reminders import CheckInDue, CheckInNudge
from courses.followup.services import CommitmentAnswerInput, checkin_answer
from courses.models import CheckIn
from courses.reminders import base
from lms.email import email_render
from tests.courses.followup.conftest import (  # noqa: F401
    complete_course,
    make_due,
    make_plan,
    participant,
    plan_exercise,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def plan():
    exercise = plan_exercise()
    return make_plan(participant(exercise.course), exercise, n=2)


def _keys(kind, now=None):
    return {(d.user_id, d.object_key, d.period) for d in kind.find_due(now=now or timezone.now())}


def _rows(checkins, period="due"):
    return [
        SimpleNamespace(id=i + 100, user=c.plan.user, object_key=f"checkin:{c.pk}", period=period, data={})
        for i, c in enumerate(checkins)
    ]


def test_followup_kinds_are_registered():
    kinds = base.all_kinds()
    assert isinstance(kinds["checkin_due"], CheckInDue) and isinstance(kinds["checkin_nudge"], CheckInNudge)
    assert kinds["checkin_due"].template == "checkin_due" and kinds["checkin_nudge"].template == "checkin_nudge"


def test_checkin_due_finds_only_due_unanswered_checkins(plan):
    first, second, _third = plan.checkins.order_by("due_at")
    assert _keys(CheckInDue()) == set()
    make_due(first)
    assert _keys(CheckInDue()) == {(plan.user_id, f"checkin:{first.pk}", "due")}
    # Answered: no longer due.
    answers = {c.pk: CommitmentAnswerInput(did_it="yes", naturalness=5) for c in plan.commitments.all()}
    checkin_answer(checkin=first, answers=answers)
    assert _keys(CheckInDue()) == set()
    # Long past the link's 14 days: not sent at all.
    make_due(second, ago=15 * DAY)
    assert _keys(CheckInDue()) == set()


def test_checkin_due_ignores_inactive_users(plan):
    make_due(plan.checkins.first())
    plan.user.is_active = False
    plan.user.save()
    assert _keys(CheckInDue()) == set()


def test_checkin_due_continues_after_course_completed(plan):
    complete_course(plan.user, plan.course)
    checkin = make_due(plan.checkins.first())
    assert _keys(CheckInDue()) == {(plan.user_id, f"checkin:{checkin.pk}", "due")}


def test_checkin_nudge_once_after_3_days(plan):
    checkin = plan.checkins.first()
    now = timezone.now()
    make_due(checkin, ago=2 * DAY)
    assert _keys(CheckInNudge(), now) == set()
    make_due(checkin, ago=3 * DAY + datetime.timedelta(minutes=1))
    assert _keys(CheckInNudge()) == {(plan.user_id, f"checkin:{checkin.pk}", "nudge")}
    # The key is the same every sweep, so the engine's unique row sends it once ("then nothing more").
    assert _keys(CheckInNudge()) == _keys(CheckInNudge())


def test_find_due_is_idempotent_by_unique_key(plan):
    """A sweep that runs twice produces the same (user, kind, object_key, period) keys, so the
    engine's unique row claims each email once: a second sweep has nothing new to send."""
    make_due(plan.checkins.first())
    claimed: set = set()
    sent = []
    for _sweep in range(2):
        for key in _keys(CheckInDue()):
            if key not in claimed:
                claimed.add(key)
                sent.append(key)
    assert len(sent) == 1


def test_find_due_query_count_is_bounded(django_assert_num_queries):
    exercise = plan_exercise()
    for _ in range(5):
        make_due(make_plan(participant(exercise.course), exercise).checkins.first())
    with django_assert_num_queries(1):
        assert len(list(CheckInDue().find_due(now=timezone.now()))) == 5
    with django_assert_num_queries(1):
        assert list(CheckInNudge().find_due(now=timezone.now())) == []


@pytest.mark.parametrize("n", [2, 20])
def test_contexts_bounded_queries(django_assert_num_queries, n):
    exercise = plan_exercise()
    checkins = [make_due(make_plan(participant(exercise.course), exercise).checkins.first()) for _ in range(n)]
    rows = _rows(checkins)
    # check-ins (+plan, course, exercise); commitments; the plans' check-ins (for "2 of 3")
    with django_assert_num_queries(3):
        contexts = CheckInDue().contexts(reminders=rows)
    assert set(contexts) == {r.id for r in rows}
    ctx = contexts[rows[0].id]
    assert ctx["number"] == 1 and ctx["count"] == 3
    assert ctx["commitments"][0] == "When situation 1, I will do thing 1"


def test_contexts_link_opens_the_form_and_email_renders(client, plan):
    checkin = make_due(plan.checkins.first())
    rows = _rows([checkin])
    ctx = CheckInDue().contexts(reminders=rows)[rows[0].id]
    path = ctx["answer_url"].split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
    for template in ("checkin_due", "checkin_nudge"):
        message = email_render(template=template, to=[plan.user.email], context={**ctx, "user": plan.user})
        assert ctx["answer_url"] in message.body
        assert ctx["answer_url"] in message.alternatives[0].content
        assert "check-in" in message.subject.lower()


def test_contexts_skip_answered_checkins(plan):
    checkin = make_due(plan.checkins.first())
    rows = _rows([checkin])
    checkin.status = CheckIn.Status.ANSWERED
    checkin.answered_at = timezone.now()
    checkin.save()
    assert CheckInDue().contexts(reminders=rows) == {}


def _engine_sweep():
    """One full engine run: store what is due, then send every batch (as the sweep task does)."""
    try:
        engine = importlib.import_module("courses.reminders.engine")
    except ModuleNotFoundError:
        pytest.skip("engine not merged yet")
    sweep = getattr(engine, "reminders_sweep", None)
    send_batch = getattr(engine, "reminders_send_batch", None)
    if not (callable(sweep) and callable(send_batch)):
        pytest.fail("courses.reminders.engine has no reminders_sweep/reminders_send_batch: adapt _engine_sweep()")

    def run(now):
        result = sweep(now=now)
        for ids in getattr(result, "batches", []):
            send_batch(ids=ids)

    return run


def test_engine_sends_one_email_per_due_checkin_even_when_swept_twice(plan, django_capture_on_commit_callbacks):
    run = _engine_sweep()
    checkin = make_due(plan.checkins.first())
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            run(timezone.now())
    to_participant = [m for m in mail.outbox if m.to == [plan.user.email] and "check-in" in m.subject.lower()]
    assert len(to_participant) == 1
    assert "/check-in/" in to_participant[0].body
    checkin.refresh_from_db()
    assert checkin.status == CheckIn.Status.SCHEDULED
