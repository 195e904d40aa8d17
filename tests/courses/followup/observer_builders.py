"""Builders shared by the observer tests (no tests in this module)."""

from __future__ import annotations

import re

from courses.followup.services.observers import ObserverRatingInput, observer_answer, observers_set
from courses.followup.tokens import observer_token_dumps
from courses.models import Observer, ObserverRound
from tests.courses.followup.conftest import make_plan, participant, plan_exercise


def plan_with_observers(n: int = 3, *, commitments: int = 2):
    exercise = plan_exercise()
    plan = make_plan(participant(exercise.course, full_name="Alex Manager"), exercise, n=commitments)
    emails = [f"observer{i}@example.com" for i in range(1, n + 1)]
    items = {c.pk: f"Alex asks before advising ({c.position})" for c in plan.commitments.all()}
    observers_set(plan=plan, emails=emails, items=items)
    return plan


def baseline(plan) -> ObserverRound:
    return ObserverRound.objects.get(plan=plan, number=0)


def answer(plan, round_, observers, value: int = 5, comment: str = ""):
    for observer in observers:
        observer_answer(
            observer=observer,
            round_=round_,
            ratings={c.pk: ObserverRatingInput(value=value, comment=comment) for c in plan.commitments.all()},
        )


def observers_of(plan) -> list[Observer]:
    return list(Observer.objects.filter(plan=plan).order_by("id"))


def link_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def observer_world(w, plan) -> None:
    """The hostile-input walk's observers: the participant's plan and one observer's link."""
    items = {c.pk: "They ask first" for c in plan.commitments.all()}
    observers_set(plan=plan, emails=["o1@example.com", "o2@example.com", "o3@example.com"], items=items)
    w.user_plan = plan
    w.user_commitment = plan.commitments.order_by("position").first()
    w.observer_token = observer_token_dumps(observer_id=observers_of(plan)[0].pk, round_id=baseline(plan).pk)
