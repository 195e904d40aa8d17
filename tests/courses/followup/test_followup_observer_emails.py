"""Observer emails go through the reminder engine: one invitation and at most one reminder per
observer per round, however often the sweep runs; no email names another observer."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from courses.followup.reminders import ObserverInviteKind, ObserverNudgeKind
from courses.models import ObserverRound, Reminder
from courses.reminders.engine import reminders_send_batch, reminders_sweep
from tests.courses.followup.observer_builders import answer, baseline, link_path, observers_of, plan_with_observers

pytestmark = pytest.mark.django_db


def _sweep_twice(now, capture):
    for _ in range(2):
        with capture(execute=True):
            result = reminders_sweep(now=now)
            for ids in result.batches:
                reminders_send_batch(ids=ids)


def _observer_mail(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_one_invitation_per_observer_per_round_even_when_swept_twice(django_capture_on_commit_callbacks):
    plan = plan_with_observers(3)
    observers = observers_of(plan)
    _sweep_twice(timezone.now(), django_capture_on_commit_callbacks)
    for observer in observers:
        sent = _observer_mail(observer.email)
        assert len(sent) == 1, observer.email
        body = sent[0].body
        assert "/observe/" in body and "Alex asks before advising" in body
        others = [o.email for o in observers if o != observer]
        assert not any(o in body or o in sent[0].alternatives[0].content for o in others)
    # Four days later: exactly one reminder to each who has not answered; the one who answered gets none.
    answer(plan, baseline(plan), observers[:1])
    mail.outbox.clear()
    _sweep_twice(timezone.now() + datetime.timedelta(days=4, minutes=1), django_capture_on_commit_callbacks)
    assert _observer_mail(observers[0].email) == []
    assert [len(_observer_mail(o.email)) for o in observers[1:]] == [1, 1]
    # And never again for this round (round 1 opens a week after the plan, with its own invitation).
    mail.outbox.clear()
    _sweep_twice(timezone.now() + datetime.timedelta(days=6), django_capture_on_commit_callbacks)
    assert all(_observer_mail(o.email) == [] for o in observers)
    rows = Reminder.objects.filter(period=f"round:{baseline(plan).pk}")
    assert sorted(rows.values_list("kind", flat=True)) == ["observer_invite"] * 3 + ["observer_nudge"] * 2


def test_next_round_sends_its_own_invitation(django_capture_on_commit_callbacks):
    plan = plan_with_observers(3)
    _sweep_twice(timezone.now(), django_capture_on_commit_callbacks)
    round_1 = ObserverRound.objects.get(plan=plan, number=1)
    mail.outbox.clear()
    _sweep_twice(round_1.opens_at + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    invites = Reminder.objects.filter(kind="observer_invite", period=f"round:{round_1.pk}")
    assert invites.count() == 3


def test_emailed_link_opens_the_form(client):
    plan = plan_with_observers(3)
    due = list(ObserverInviteKind().find_due(now=timezone.now()))
    assert len(due) == 3
    # Naming the observers stored (and sent) the invitations at once; the sweep's keys are the same rows.
    rows = Reminder.objects.filter(kind="observer_invite")
    assert {(r.email, r.object_key, r.period) for r in rows} == {(d.email, d.object_key, d.period) for d in due}
    row = rows.select_related("user").first()
    ctx = ObserverInviteKind().contexts(reminders=[row])[row.id]
    assert client.get(link_path(ctx["answer_url"])).status_code == 200
    assert ctx["language"] == plan.user.language
    assert list(ObserverNudgeKind().find_due(now=timezone.now())) == []


@pytest.mark.parametrize("n", [1, 10])
def test_find_due_and_contexts_bounded_queries(django_assert_num_queries, n):
    for _ in range(n):
        plan_with_observers(3)
    with django_assert_num_queries(3):  # open rounds; answers; observers
        due = list(ObserverInviteKind().find_due(now=timezone.now()))
    assert len(due) == 3 * n
    rows = list(Reminder.objects.filter(kind="observer_invite"))
    with django_assert_num_queries(4):  # observers (+plan, user, course); rounds; answers; commitments
        assert len(ObserverInviteKind().contexts(reminders=rows)) == 3 * n
