"""Reads for observer pulses: the signed link, and what the participant may see of the answers.

Anonymity is decided here, once: a round's average and its comments exist for the participant
only when at least OBSERVER_THRESHOLD observers answered that item in that round. Below that the
row says "waiting for more answers": never a partial average. Comments come in random order,
without names or times. Individual ratings never leave this module.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from courses.followup.models import CheckInAnswer, Commitment, CommitmentPlan
from courses.followup.models_observers import (
    OBSERVER_THRESHOLD,
    Observer,
    ObserverRating,
    ObserverResponse,
    ObserverRound,
)
from courses.followup.tokens import observer_token_loads
from lms.charts import LineChart, LineSeries, line_chart
from lms.signed_links import SignedLinkError, signed_payload


def plan_for_owner_or_404(*, user: User, pk: int) -> CommitmentPlan:
    """The user's own plan, with its commitments, observers and rounds; 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404
    plan = (
        CommitmentPlan.objects.select_related("course", "exercise")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("position")),
            Prefetch("observers", queryset=Observer.objects.filter(active=True).order_by("id")),
            Prefetch("observer_rounds", queryset=ObserverRound.objects.select_related("checkin").order_by("number")),
        )
        .filter(pk=pk, user=user)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def commitment_for_owner_or_404(*, user: User, pk: int) -> Commitment:
    """The user's own commitment, with its plan, course and earlier versions; 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404
    commitment = (
        Commitment.objects.select_related("plan__course")
        .prefetch_related("versions")
        .filter(pk=pk, plan__user=user)
        .first()
    )
    if commitment is None:
        raise Http404
    return commitment


class ObserverLinkError(SignedLinkError):
    """Why an observer's link is refused: "invalid", "expired" or "not_open"."""


@dataclass
class ObserverLink:
    observer: Observer
    round: ObserverRound
    plan: CommitmentPlan
    commitments: list[Commitment]
    response: ObserverResponse | None


def observer_link_for_token(*, token: str) -> ObserverLink:
    """What a signed observer link opens: that observer's form for that round, or a refusal."""
    payload = signed_payload(observer_token_loads, token, error=ObserverLinkError, ints=("o", "r"))
    observer = Observer.objects.select_related("plan__user", "plan__course").filter(pk=payload["o"]).first()
    round_ = ObserverRound.objects.filter(pk=payload["r"]).first()
    if observer is None or round_ is None or round_.plan_id != observer.plan_id or not observer.active:
        raise ObserverLinkError("invalid")
    if round_.opens_at > timezone.now():
        raise ObserverLinkError("not_open")
    response = ObserverResponse.objects.prefetch_related("ratings").filter(round=round_, observer=observer).first()
    commitments = list(
        Commitment.objects.filter(plan_id=observer.plan_id)
        .exclude(status=Commitment.Status.CLOSED)
        .order_by("position")
    )
    return ObserverLink(observer=observer, round=round_, plan=observer.plan, commitments=commitments, response=response)


# --- What the participant sees ------------------------------------------------------------------------


@dataclass
class RoundRow:
    label: str
    answers: int  # how many observers answered this item in this round
    average: float | None  # None below the threshold
    self_rating: int | None  # the participant's "how natural" (0-10) at this round's check-in
    is_open: bool
    comments: list[str] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.is_open and self.average is None


@dataclass
class CommitmentResults:
    commitment: Commitment
    rows: list[RoundRow]
    chart: LineChart | None


def _round_label(round_: ObserverRound) -> str:
    if round_.is_baseline:
        return _("Baseline")
    return date_format(timezone.localtime(round_.opens_at), "j M")


def _self_scaled(value: int | None) -> float | None:
    """A 0-10 self-rating drawn on the observers' 1-7 scale (the table keeps the 0-10 number)."""
    return None if value is None else round(1 + value * 0.6, 1)


def observer_results(*, plan: CommitmentPlan) -> list[CommitmentResults]:
    """Per commitment: each round's observer average (3+ answers only), the self-rating, comments.

    Four queries whatever the size: averages per (round, commitment), comments, self-ratings.
    `plan` comes from plan_for_owner_or_404 (commitments and rounds prefetched).
    """
    rounds = list(plan.observer_rounds.all())
    stats = {
        (row["response__round_id"], row["commitment_id"]): (row["n"], row["avg"])
        for row in ObserverRating.objects.filter(response__round__plan=plan)
        .values("response__round_id", "commitment_id")
        .annotate(n=Count("id"), avg=Avg("value"))
    }
    comments: dict[tuple[int, int], list[str]] = {}
    for round_id, commitment_id, text in (
        ObserverRating.objects.filter(response__round__plan=plan)
        .exclude(comment="")
        .values_list("response__round_id", "commitment_id", "comment")
    ):
        comments.setdefault((round_id, commitment_id), []).append(text)
    selfs = {
        (checkin_id, commitment_id): value
        for checkin_id, commitment_id, value in CheckInAnswer.objects.filter(checkin__plan=plan).values_list(
            "checkin_id", "commitment_id", "naturalness"
        )
    }
    now = timezone.now()
    out = []
    for commitment in plan.commitments.all():
        rows = []
        for round_ in rounds:
            n, avg = stats.get((round_.pk, commitment.pk), (0, None))
            shown = n >= OBSERVER_THRESHOLD
            texts = list(comments.get((round_.pk, commitment.pk), [])) if shown else []
            random.shuffle(texts)
            rows.append(
                RoundRow(
                    label=_round_label(round_),
                    answers=n,
                    average=round(avg, 1) if shown else None,
                    self_rating=selfs.get((round_.checkin_id, commitment.pk)) if round_.checkin_id else None,
                    is_open=round_.opens_at <= now,
                    comments=texts,
                )
            )
        out.append(CommitmentResults(commitment=commitment, rows=rows, chart=_chart(commitment, rows)))
    return out


def _chart(commitment: Commitment, rows: list[RoundRow]) -> LineChart | None:
    if not any(r.average is not None or r.self_rating is not None for r in rows):
        return None
    return line_chart(
        [r.label for r in rows],
        [
            LineSeries("self", _("You (0-10, shown on the 1-7 scale)"), [_self_scaled(r.self_rating) for r in rows]),
            LineSeries("observers", _("Observers' average (1-7)"), [r.average for r in rows]),
        ],
        key=f"observers-{commitment.pk}",
        title=_("You and your observers"),
        description=_("Your own rating at each check-in next to your observers' average for each round."),
        minimum=1,
        maximum=7,
        ticks=[1, 4, 7],
    )
