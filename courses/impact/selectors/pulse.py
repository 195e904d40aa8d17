"""Reads for the team coaching pulse: the signed link, the participant's own view (3+ answers per
round), and the group view for the impact report (people whose rounds both had 3+ answers; 5+ people)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.impact.models_pulse import (
    PULSE_ITEMS,
    PULSE_THRESHOLD,
    PulseActivation,
    PulseRating,
    PulseResponse,
    PulseRound,
    TeamMember,
)
from courses.impact.selectors.access import Scope
from courses.impact.selectors.report import Figure, figure
from courses.impact.tokens import pulse_token_loads
from courses.learning.models import Course
from lms.signed_links import SignedLinkError, signed_payload

LABELS = dict(PULSE_ITEMS)


class PulseLinkError(SignedLinkError):
    """Why a team member's pulse link is refused: "invalid", "expired" or "not_open"."""


@dataclass
class PulseLink:
    member: TeamMember
    round: PulseRound
    participant: User
    response: PulseResponse | None


def pulse_link_for_token(*, token: str) -> PulseLink:
    payload = signed_payload(pulse_token_loads, token, error=PulseLinkError, ints=("m", "r"))
    member = TeamMember.objects.select_related("user").filter(pk=payload["m"], active=True).first()
    round_ = PulseRound.objects.filter(pk=payload["r"]).first()
    if member is None or round_ is None or (member.user_id, member.course_id) != (round_.user_id, round_.course_id):
        raise PulseLinkError("invalid")
    if round_.opens_at > timezone.now():
        raise PulseLinkError("not_open")
    response = PulseResponse.objects.prefetch_related("ratings").filter(round=round_, member=member).first()
    return PulseLink(member=member, round=round_, participant=member.user, response=response)


@dataclass
class PulseItemRow:
    label: str
    before: float | None
    after: float | None


@dataclass
class ParticipantPulse:
    members: list[TeamMember]
    rounds: dict[str, PulseRound]
    answers: dict[str, int]  # phase -> team members who answered
    rows: list[PulseItemRow] = field(default_factory=list)
    threshold: int = PULSE_THRESHOLD


def participant_pulse(*, user: User, course: Course) -> ParticipantPulse:
    """Four queries: team, rounds, answers per round, averages per round and item."""
    members = list(TeamMember.objects.filter(user=user, course=course, active=True))
    rounds = {r.phase: r for r in PulseRound.objects.filter(user=user, course=course)}
    by_id = {r.pk: r.phase for r in rounds.values()}
    answers = dict.fromkeys(rounds, 0)
    for round_id, n in (
        PulseResponse.objects.filter(round_id__in=by_id)
        .values("round_id")
        .annotate(n=Count("id"))
        .values_list("round_id", "n")
    ):
        answers[by_id[round_id]] = n
    avgs = {
        (by_id[rid], item): avg
        for rid, item, avg in PulseRating.objects.filter(response__round_id__in=by_id)
        .values("response__round_id", "item")
        .annotate(avg=Avg("value"))
        .values_list("response__round_id", "item", "avg")
    }

    def shown(phase: str, item: str) -> float | None:
        if answers.get(phase, 0) < PULSE_THRESHOLD or (phase, item) not in avgs:
            return None
        return round(avgs[(phase, item)], 1)

    rows = [PulseItemRow(str(label), shown("before", key), shown("after", key)) for key, label in PULSE_ITEMS]
    return ParticipantPulse(members=members, rounds=rounds, answers=answers, rows=rows)


@dataclass
class PulseSummary:
    figures: list[Figure] = field(default_factory=list)  # before, after: all items
    items: list[tuple[str, Figure, Figure]] = field(default_factory=list)
    people: int = 0


def pulse_summary(scope: Scope) -> PulseSummary:
    """Two queries. A person counts when both their rounds had 3+ answers."""
    rounds = {
        r_id: (uid, phase)
        for r_id, uid, phase in PulseRound.objects.filter(course=scope.course, user_id__in=scope.user_ids).values_list(
            "id", "user_id", "phase"
        )
    }
    counts = dict(
        PulseResponse.objects.filter(round_id__in=rounds)
        .values("round_id")
        .annotate(n=Count("id"))
        .values_list("round_id", "n")
    )
    per: dict[int, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for rid, item, avg in (
        PulseRating.objects.filter(response__round_id__in=[r for r, n in counts.items() if n >= PULSE_THRESHOLD])
        .values("response__round_id", "item")
        .annotate(avg=Avg("value"))
        .values_list("response__round_id", "item", "avg")
    ):
        uid, phase = rounds[rid]
        per[uid][phase][item] = avg
    both = {uid: p for uid, p in per.items() if "before" in p and "after" in p}

    def overall(phase: str) -> list[float]:
        return [sum(p[phase].values()) / len(p[phase]) for p in both.values()]

    items = [
        (
            str(label),
            figure(_("Before"), [p["before"][key] for p in both.values() if key in p["before"]], scale="1-7"),
            figure(_("After"), [p["after"][key] for p in both.values() if key in p["after"]], scale="1-7"),
        )
        for key, label in PULSE_ITEMS
    ]
    return PulseSummary(
        figures=[
            figure(_("Before the course, all items"), overall("before"), scale="1-7"),
            figure(_("After the course, all items"), overall("after"), scale="1-7"),
        ],
        items=items,
        people=len(both),
    )


def pulse_is_on(**target) -> bool:
    """Is the pulse switched on for this organization= or cohort=?"""
    return PulseActivation.objects.filter(**target).exists()
