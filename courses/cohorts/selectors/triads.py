"""Reads of practice groups (triads), rounds and observations; the round page's access check."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.models import User
from courses.cohorts.models import Cohort, Observation, PracticeRound, Triad, TriadMember
from courses.cohorts.triads import role_for


def cohort_triads(*, cohort: Cohort) -> list[Triad]:
    """The cohort's groups with their members (two queries, whatever their number)."""
    members = Prefetch("members", queryset=TriadMember.objects.select_related("user").order_by("seat", "id"))
    return list(Triad.objects.filter(cohort=cohort).prefetch_related(members).order_by("number", "id"))


def cohort_rounds(*, cohort: Cohort) -> list[PracticeRound]:
    return list(PracticeRound.objects.filter(cohort=cohort).select_related("exercise").order_by("number"))


@dataclass
class RoundRow:
    practice_round: PracticeRound
    groups: list[dict] = field(default_factory=list)  # {"triad", "roles": [(member, role)], "observation"}


def rounds_overview(*, cohort: Cohort, triads: list[Triad], rounds: list[PracticeRound]) -> list[RoundRow]:
    """Each round with each group's roles and observation (one query for all observations)."""
    observations = {
        (o.practice_round_id, o.triad_id): o for o in Observation.objects.filter(practice_round__cohort=cohort)
    }
    rows = []
    for practice_round in rounds:
        row = RoundRow(practice_round)
        for triad in triads:
            members = list(triad.members.all())
            roles = [(m, role_for(seat=m.seat, size=len(members), round_number=practice_round.number)) for m in members]
            row.groups.append(
                {"triad": triad, "roles": roles, "observation": observations.get((practice_round.pk, triad.pk))}
            )
        rows.append(row)
    return rows


@dataclass
class RoundSeat:
    practice_round: PracticeRound
    triad: Triad | None
    role: str  # coach, coachee, observer or trainer
    members: list[TriadMember]
    observation: Observation | None


def round_for_viewer_or_404(*, user: User, pk: int) -> RoundSeat:
    """A round seen by a member of one of its groups (with their role) or by a trainer of the cohort."""
    if not user.is_authenticated:
        raise Http404
    practice_round = (
        PracticeRound.objects.select_related("cohort__course", "exercise", "exercise__conversation")
        .filter(pk=pk)
        .first()
    )
    if practice_round is None:
        raise Http404
    seat = TriadMember.objects.filter(cohort_id=practice_round.cohort_id, user=user).select_related("triad").first()
    if seat is None:
        cohort = practice_round.cohort
        teaches = (
            user.is_staff or Cohort.objects.filter(Q(trainers=user) | Q(course__trainers=user), pk=cohort.pk).exists()
        )
        if not teaches:
            raise Http404
        return RoundSeat(practice_round, None, "trainer", [], None)
    members = list(TriadMember.objects.filter(triad=seat.triad).select_related("user").order_by("seat"))
    role = role_for(seat=seat.seat, size=len(members), round_number=practice_round.number)
    observation = Observation.objects.filter(practice_round=practice_round, triad=seat.triad).first()
    return RoundSeat(practice_round, seat.triad, role, members, observation)


def rounds_for_user(*, user: User) -> list[tuple[PracticeRound, str]]:
    """The user's practice rounds with their role in each, in time order (three queries)."""
    seats = {s.cohort_id: s for s in TriadMember.objects.filter(user=user)}
    if not seats:
        return []
    sizes: dict[int, int] = {}
    for triad_id in TriadMember.objects.filter(triad_id__in=[s.triad_id for s in seats.values()]).values_list(
        "triad_id", flat=True
    ):
        sizes[triad_id] = sizes.get(triad_id, 0) + 1
    rounds = PracticeRound.objects.filter(cohort_id__in=seats).select_related("cohort__course").order_by("starts_at")
    return [
        (r, role_for(seat=seats[r.cohort_id].seat, size=sizes[seats[r.cohort_id].triad_id], round_number=r.number))
        for r in rounds
    ]


def observation_summary(*, rounds: list[RoundRow]) -> dict:
    """What the observers saw over all rounds: the share with the miracle question, open vs closed."""
    observations = [g["observation"] for row in rounds for g in row.groups if g["observation"]]
    asked = sum(1 for o in observations if o.miracle_question)
    return {
        "count": len(observations),
        "miracle_percent": round(100 * asked / len(observations)) if observations else None,
        "open": sum(o.open_questions for o in observations),
        "closed": sum(o.closed_questions for o in observations),
    }
