"""Emails of follow-up: check-ins (when one falls due, and one gentle nudge), and the buddy's
invitation and check-in summaries.

Both are found by the engine's periodic sweep. The engine's unique (user, kind, object_key,
period) row makes each email exactly-once; an answered check-in drops out of find_due.
Check-ins do not depend on the enrollment: they go on after the course is completed.
Buddy emails are stored by courses.followup.services (reminder_enqueue) when a plan names a
buddy or a check-in is answered; their rows are addressed by email (a buddy may have no
account). Registered by CoursesConfig.ready() from `KINDS`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from courses.followup.models import Buddy, CheckIn, CheckInAnswer, Commitment
from courses.followup.models_observers import Observer, ObserverResponse, ObserverRound
from courses.followup.services import CHECKIN_LINK_MAX_AGE, checkin_url
from courses.followup.services.observers import observer_url
from courses.followup.tokens import OBSERVER_LINK_MAX_AGE
from courses.reminders.base import Due, ReminderKind, object_ids
from lms.links import absolute_url

NUDGE_AFTER = datetime.timedelta(days=3)


def _checkin_id(object_key: str) -> int | None:
    prefix, _sep, value = object_key.partition(":")
    return int(value) if prefix == "checkin" and value.isdigit() else None


class _CheckInKind(ReminderKind):
    essential = True  # the participant asked for these check-ins when making the plan
    period: str

    def _due_queryset(self, *, now: datetime.datetime):
        raise NotImplementedError

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        # One query: scheduled check-ins in the window, with their owner's id.
        rows = self._due_queryset(now=now).filter(plan__user__is_active=True).values_list("id", "plan__user_id")
        for checkin_id, user_id in rows.iterator():
            yield Due(user_id=user_id, object_key=f"checkin:{checkin_id}", period=self.period, data={})

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        ids = {cid for r in reminders if (cid := _checkin_id(r.object_key)) is not None}
        # Three queries for the whole batch: check-ins with plan, course and exercise; the
        # commitments; the number of check-ins per plan comes from the same prefetch.
        checkins = {
            c.pk: c
            for c in CheckIn.objects.filter(pk__in=ids, status=CheckIn.Status.SCHEDULED)
            .select_related("plan__course", "plan__exercise")
            .prefetch_related(
                Prefetch("plan__commitments", queryset=Commitment.objects.order_by("position")),
                Prefetch("plan__checkins", queryset=CheckIn.objects.order_by("due_at", "id").only("id", "plan_id")),
            )
        }
        result: dict[int, dict[str, Any]] = {}
        for reminder in reminders:
            checkin = checkins.get(_checkin_id(reminder.object_key))
            if checkin is None:
                continue  # answered or removed since it was found: nothing to send
            plan = checkin.plan
            order = [c.pk for c in plan.checkins.all()]
            result[reminder.id] = {
                "checkin": checkin,
                "course_title": plan.course.title,
                "commitments": [c.sentence for c in plan.commitments.all() if c.is_open],
                "number": order.index(checkin.pk) + 1 if checkin.pk in order else None,
                "count": len(order),
                "answer_url": checkin_url(checkin=checkin),
                "link_days": CHECKIN_LINK_MAX_AGE.days,
            }
        return result


class CheckInDue(_CheckInKind):
    key = "checkin_due"
    label = _("Check-ins on my commitment plan")
    template = "checkin_due"
    period = "due"

    def _due_queryset(self, *, now):
        # Due now, and not so long ago that the link would be pointless.
        return CheckIn.objects.filter(
            status=CheckIn.Status.SCHEDULED, due_at__lte=now, due_at__gt=now - CHECKIN_LINK_MAX_AGE
        )


class CheckInNudge(_CheckInKind):
    key = "checkin_nudge"
    label = _("A gentle reminder when a check-in is still open")
    template = "checkin_nudge"
    period = "nudge"
    essential = False  # a participant may turn the nudge off; the check-in email itself stays

    def _due_queryset(self, *, now):
        # Three days after it fell due and still unanswered: one nudge (period "nudge"), then nothing.
        return CheckIn.objects.filter(
            status=CheckIn.Status.SCHEDULED,
            due_at__lte=now - NUDGE_AFTER,
            due_at__gt=now - CHECKIN_LINK_MAX_AGE,
        )


class BuddyInviteKind(ReminderKind):
    """The buddy named in a plan is asked to accept (object "buddy:<id>", period "invite")."""

    key = "buddy_invite"
    label = _("Invitations to be someone's buddy")
    essential = True  # addressed to a person who may have no account: nothing to unsubscribe from
    template = "buddy_invite"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Two queries: the buddies with plan, participant and course; the plans' commitments."""
        ids = object_ids(reminders, "buddy")
        buddies = (
            Buddy.objects.select_related("plan__user", "plan__exercise__course")
            .prefetch_related(Prefetch("plan__commitments", queryset=Commitment.objects.order_by("position")))
            .in_bulk(set(ids.values()))
        )
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            buddy = buddies.get(ids.get(r.id))
            if buddy is None or buddy.status != Buddy.Status.INVITED:
                continue
            plan = buddy.plan
            out[r.id] = {
                "buddy": buddy,
                "participant_name": plan.user.get_full_name(),
                "course_title": plan.exercise.course.title,
                "commitments": [c.sentence for c in plan.commitments.all()],
                "respond_url": absolute_url("courses:buddy_respond", token=buddy.token),
                "language": plan.user.language,
            }
        return out


class BuddySummaryKind(ReminderKind):
    """The accepted buddy gets the outcome of a check-in (object "checkin:<id>", period "buddy"),
    never the private reflection text."""

    key = "buddy_summary"
    label = _("Check-in summaries for buddies")
    essential = True  # addressed to a person who may have no account: nothing to unsubscribe from
    template = "buddy_summary"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Three queries: the check-ins with plan, participant and buddy; their answers."""
        ids = {r.id: cid for r in reminders if (cid := _checkin_id(r.object_key)) is not None}
        checkins = CheckIn.objects.select_related("plan__user", "plan__buddy").in_bulk(set(ids.values()))
        answers: dict[int, list[CheckInAnswer]] = {}
        for answer in CheckInAnswer.objects.filter(checkin_id__in=checkins.keys()).order_by("id"):
            answers.setdefault(answer.checkin_id, []).append(answer)
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            checkin = checkins.get(ids.get(r.id))
            buddy = getattr(checkin.plan, "buddy", None) if checkin else None
            if buddy is None or buddy.status != Buddy.Status.ACCEPTED:
                continue
            out[r.id] = {
                "buddy": buddy,
                "participant_name": checkin.plan.user.get_full_name(),
                "answered_at": checkin.answered_at,
                "items": [
                    {
                        "commitment": a.commitment_text,
                        "did_it": a.get_did_it_display(),
                        "naturalness": a.naturalness,
                        "decision": a.get_decision_display(),
                    }
                    for a in answers.get(checkin.pk, [])
                ],
                "language": checkin.plan.user.language,
            }
        return out


class _ObserverKind(ReminderKind):
    """One email per observer per open round (object "observer:<id>", period "round:<id>").

    find_due: rounds open now (and younger than a link's life) x their plan's active observers,
    minus those who answered: three queries, whatever the number of plans. The engine's unique
    (email, kind, object_key, period) row sends each once; the invitation and the single nudge
    are two kinds, so an observer gets at most one reminder per round. The email names no other
    observer and is written in the participant's language (see courses.followup.views_observers).
    """

    essential = True  # addressed to a person who may have no account: nothing to unsubscribe from
    after = datetime.timedelta(0)

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        rounds = dict(
            ObserverRound.objects.filter(
                opens_at__lte=now - self.after, opens_at__gt=now - OBSERVER_LINK_MAX_AGE, plan__user__is_active=True
            ).values_list("id", "plan_id")
        )
        if not rounds:
            return
        answered = set(ObserverResponse.objects.filter(round_id__in=rounds).values_list("round_id", "observer_id"))
        observers: dict[int, list[tuple[int, str]]] = {}
        for oid, plan_id, email in Observer.objects.filter(plan_id__in=set(rounds.values()), active=True).values_list(
            "id", "plan_id", "email"
        ):
            observers.setdefault(plan_id, []).append((oid, email))
        for round_id, plan_id in rounds.items():
            for oid, email in observers.get(plan_id, []):
                if (round_id, oid) not in answered:
                    yield Due(user_id=None, email=email, object_key=f"observer:{oid}", period=f"round:{round_id}")

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Four queries: observers with plan and participant; rounds; answers; commitments."""
        ids = object_ids(reminders, "observer")
        round_ids = {r.id: int(r.period.split(":", 1)[1]) for r in reminders if r.period.startswith("round:")}
        observers = Observer.objects.select_related("plan__user", "plan__course").in_bulk(set(ids.values()))
        rounds = ObserverRound.objects.in_bulk(set(round_ids.values()))
        answered = set(ObserverResponse.objects.filter(round_id__in=rounds).values_list("round_id", "observer_id"))
        items: dict[int, list[str]] = {}
        plan_ids = {o.plan_id for o in observers.values()}
        for c in Commitment.objects.filter(plan_id__in=plan_ids).exclude(status=Commitment.Status.CLOSED):
            items.setdefault(c.plan_id, []).append(c.observable or c.sentence)
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            observer, round_ = observers.get(ids.get(r.id)), rounds.get(round_ids.get(r.id))
            if observer is None or round_ is None or not observer.active or (round_.pk, observer.pk) in answered:
                continue
            participant = observer.plan.user
            out[r.id] = {
                "participant_name": participant.get_full_name() or participant.email,
                "first_name": participant.get_short_name(),
                "course_title": observer.plan.course.title,
                "items": items.get(observer.plan_id, []),
                "is_baseline": round_.is_baseline,
                "answer_url": observer_url(observer=observer, round_=round_),
                "link_days": OBSERVER_LINK_MAX_AGE.days,
                "language": participant.language,
            }
        return out


class ObserverInviteKind(_ObserverKind):
    key = "observer_invite"
    label = _("Requests to observe someone's coaching")
    template = "observer_invite"


class ObserverNudgeKind(_ObserverKind):
    key = "observer_nudge"
    label = _("One reminder to observers who have not answered")
    template = "observer_nudge"
    after = datetime.timedelta(days=4)


KINDS = [CheckInDue, CheckInNudge, BuddyInviteKind, BuddySummaryKind, ObserverInviteKind, ObserverNudgeKind]
