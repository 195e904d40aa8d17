"""Writes of practice groups (triads) and practice rounds, and the observer's form.

Roles rotate by seat: in round n the member in seat s has role (s - (n - 1)) mod size, where
0 is coach, 1 coachee and 2 (and up, in a group of four or five) observer. In a group of three,
rounds 1, 2 and 3 make everyone coach, coachee and observer exactly once.

Forming groups automatically deals the cohort's members over the groups like cards: balanced
(sizes differ by at most one, at least three where the cohort has three people), and with
"avoid pairs from one organization" the members are dealt sorted by organization, so colleagues
land in different groups as long as there are enough groups. The database refuses one
participant in two groups of a cohort (`triad_member_one_group_per_cohort`), so two trainers
forming groups at once cannot double-book anyone: the second transaction fails and nothing of it is kept.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, User
from courses.cohorts.models import Cohort, CohortMembership, Observation, PracticeRound, Triad, TriadMember
from courses.learning.models import Enrollment, Exercise

COACH, COACHEE, OBSERVER = "coach", "coachee", "observer"
ROLE_LABELS = {COACH: gettext_lazy("coach"), COACHEE: gettext_lazy("coachee"), OBSERVER: gettext_lazy("observer")}


def role_for(*, seat: int, size: int, round_number: int) -> str:
    index = (seat - (round_number - 1)) % size
    return COACH if index == 0 else COACHEE if index == 1 else OBSERVER


def _member_ids(cohort: Cohort) -> list[int]:
    return list(
        CohortMembership.objects.filter(cohort=cohort)
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .order_by("enrollment__user_id")
        .values_list("enrollment__user_id", flat=True)
    )


def deal(user_ids: Sequence[int], *, org_of: Mapping[int, int] | None = None, seed: int = 0) -> list[list[int]]:
    """Balanced groups of three (some of four or five when the count is not a multiple of three)."""
    people = list(user_ids)
    random.Random(seed).shuffle(people)
    if org_of is not None:
        people.sort(key=lambda uid: (org_of.get(uid) is None, org_of.get(uid) or 0))
    count = max(1, len(people) // 3)
    groups: list[list[int]] = [[] for _ in range(count)]
    for index, uid in enumerate(people):
        groups[index % count].append(uid)
    return [g for g in groups if g]


def _save_groups(cohort: Cohort, groups: Sequence[Sequence[int]]) -> list[Triad]:
    if Observation.objects.filter(triad__cohort=cohort).exists():
        raise ValidationError(
            _("Observers have already filled in forms for these groups, so they cannot be formed again."),
            code="in_use",
        )
    members = set(_member_ids(cohort))
    flat = [uid for group in groups for uid in group]
    if len(flat) != len(set(flat)) or not set(flat) <= members:
        raise ValidationError(_("Each participant of this group can be in one practice group only."), code="twice")
    if any(len(group) < 2 for group in groups):
        raise ValidationError(_("A practice group needs at least two people."), code="small")
    Triad.objects.filter(cohort=cohort).delete()
    triads = []
    try:
        with transaction.atomic():
            for number, group in enumerate(groups, start=1):
                triad = Triad.objects.create(cohort=cohort, number=number)
                TriadMember.objects.bulk_create(
                    TriadMember(triad=triad, cohort=cohort, user_id=uid, seat=seat) for seat, uid in enumerate(group)
                )
                triads.append(triad)
    except IntegrityError:
        raise ValidationError(
            _("Someone else changed the practice groups at the same time; reload the page."), code="race"
        ) from None
    return triads


@transaction.atomic
def triads_form(*, cohort: Cohort, avoid_same_organization: bool = False, seed: int = 0) -> list[Triad]:
    """Replace the cohort's groups with automatically dealt ones."""
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    ids = _member_ids(cohort)
    if len(ids) < 2:
        raise ValidationError(_("This group has fewer than two participants."), code="too_few")
    org_of = None
    if avoid_same_organization:
        org_of = dict(
            Membership.objects.filter(user_id__in=ids).order_by("pk").values_list("user_id", "organization_id")
        )
    return _save_groups(cohort, deal(ids, org_of=org_of, seed=seed))


@transaction.atomic
def triads_set(*, cohort: Cohort, groups: Sequence[Sequence[int]]) -> list[Triad]:
    """Replace the cohort's groups with groups made by hand (lists of user ids, in seat order)."""
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    groups = [list(g) for g in groups if g]
    if not groups:
        raise ValidationError(_("Choose a group for at least two participants."), code="no_groups")
    return _save_groups(cohort, groups)


@transaction.atomic
def practice_round_schedule(
    *, cohort: Cohort, starts_at: datetime.datetime, ends_at: datetime.datetime, online: bool, exercise: Exercise | None
) -> PracticeRound:
    """The cohort's next round (numbered on), within the cohort's course. Times to the second."""
    starts_at, ends_at = starts_at.replace(microsecond=0), ends_at.replace(microsecond=0)
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    if exercise is not None and (exercise.course_id != cohort.course_id or exercise.kind != Exercise.Kind.CONVERSATION):
        raise ValidationError(_("Choose a practice conversation of this course."), code="exercise")
    number = (
        PracticeRound.objects.filter(cohort=cohort).order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    practice_round = PracticeRound(
        cohort=cohort, number=number, starts_at=starts_at, ends_at=ends_at, online=online, exercise=exercise
    )
    practice_round.full_clean(exclude=["cohort", "exercise"])
    if ends_at <= starts_at:
        raise ValidationError(_("The round must end after it starts."), code="ends")
    practice_round.save()
    return practice_round


@transaction.atomic
def observation_save(*, user: User, practice_round: PracticeRound, triad: Triad, data: Mapping) -> Observation:
    """The observer's form for their group in this round: only the round's observer may fill it in, once."""
    seats = {m.user_id: m.seat for m in TriadMember.objects.filter(triad=triad)}
    if triad.cohort_id != practice_round.cohort_id or user.pk not in seats:
        raise ValidationError(_("You are not in this practice group."), code="not_member")
    if role_for(seat=seats[user.pk], size=len(seats), round_number=practice_round.number) != OBSERVER:
        raise ValidationError(_("Only this round's observer fills in the observation form."), code="not_observer")
    if Observation.objects.filter(practice_round=practice_round, triad=triad).exists():
        raise ValidationError(_("The observation form of this round has already been filled in."), code="done")
    observation = Observation(practice_round=practice_round, triad=triad, observer=user, **data)
    observation.full_clean(exclude=["practice_round", "triad", "observer"])
    observation.save()
    return observation
