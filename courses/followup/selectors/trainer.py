"""Reads for trainers (a course's follow-up) and organization admins (aggregates only)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import Membership, Organization, User
from courses.followup.models import (
    CheckIn,
    CheckInAnswer,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.followup.selectors.participant import participant_plans, practice_log_for_user
from courses.learning.models import Course, Enrollment

MIN_GROUP_SIZE = 5  # organization aggregates are never shown for fewer people
SHARERS_PAGE_SIZE = 25
DID_IT_KEYS = [CheckInAnswer.DidIt.YES, CheckInAnswer.DidIt.PARTLY, CheckInAnswer.DidIt.NOT_YET]


# --- Trainer -----------------------------------------------------------------------------------------


@dataclass
class FollowupStats:
    people: int = 0
    plans: int = 0
    checkins_due: int = 0
    checkins_answered: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    per_month: list[dict] = field(default_factory=list)
    techniques: list[tuple[str, int]] = field(default_factory=list)

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.checkins_answered / self.checkins_due) if self.checkins_due else None

    @property
    def answers_total(self) -> int:
        return sum(self.answers.values())

    def share(self, key: str) -> int | None:
        total = self.answers_total
        return round(100 * self.answers.get(key, 0) / total) if total else None

    @property
    def yes_rate(self) -> int | None:
        return self.share(CheckInAnswer.DidIt.YES)

    @property
    def partly_rate(self) -> int | None:
        return self.share(CheckInAnswer.DidIt.PARTLY)

    @property
    def not_yet_rate(self) -> int | None:
        return self.share(CheckInAnswer.DidIt.NOT_YET)


def _checkin_counts(qs) -> dict:
    now = timezone.now()
    return qs.filter(due_at__lte=now).aggregate(
        due=Count("id"),
        answered=Count("id", filter=Q(status=CheckIn.Status.ANSWERED)),
        people=Count("plan__user", distinct=True),
    )


def _plan_and_checkin_counts(stats: FollowupStats, course: Course) -> None:
    """Plans made; check-ins that fell due, and how many were answered (two queries)."""
    stats.plans = CommitmentPlan.objects.filter(course=course).count()
    counts = _checkin_counts(CheckIn.objects.filter(plan__course=course))
    stats.checkins_due, stats.checkins_answered = counts["due"], counts["answered"]


def trainer_followup_summary(*, course: Course, people: int) -> FollowupStats:
    """The figures of the studio's analytics page in three queries: plans, check-ins due and
    answered, answers by yes / partly / not yet. `people` is the caller's count of participants
    (not cancelled); `per_month` and `techniques` stay empty (trainer_followup_stats has them)."""
    stats = FollowupStats(people=people)
    _plan_and_checkin_counts(stats, course)
    stats.answers = dict(
        CheckInAnswer.objects.filter(checkin__plan__course=course)
        .values_list("did_it")
        .annotate(n=Count("id"))
        .order_by()
    )
    return stats


def trainer_followup_stats(*, course: Course) -> FollowupStats:
    """Aggregates for one course in five queries, whatever the number of participants."""
    stats = FollowupStats()
    # 1: participants (not cancelled)
    stats.people = Enrollment.objects.filter(course=course).exclude(status=Enrollment.Status.CANCELLED).count()
    # 2-3: plans made; check-ins that fell due, and how many were answered
    _plan_and_checkin_counts(stats, course)
    # 4: answers by month and yes / partly / not yet
    months: dict[datetime.date, dict[str, int]] = defaultdict(dict)
    for row in (
        CheckInAnswer.objects.filter(checkin__plan__course=course)
        .annotate(month=TruncMonth("checkin__answered_at"))
        .values("month", "did_it")
        .annotate(n=Count("id"))
        .order_by("month")
    ):
        months[row["month"]][row["did_it"]] = row["n"]
        stats.answers[row["did_it"]] = stats.answers.get(row["did_it"], 0) + row["n"]
    for month in sorted(m for m in months if m is not None):
        values = months[month]
        total = sum(values.values())
        stats.per_month.append(
            {
                "month": month,
                "total": total,
                **{k.value: values.get(k, 0) for k in DID_IT_KEYS},
                "yes_rate": round(100 * values.get(CheckInAnswer.DidIt.YES, 0) / total) if total else 0,
            }
        )
    # 5: techniques practised in this course
    labels = dict(PracticeLogEntry.Technique.choices)
    found = dict(
        PracticeLogEntry.objects.filter(course=course).values_list("technique").annotate(n=Count("id")).order_by()
    )
    stats.techniques = [(labels[key], found.get(key, 0)) for key in labels]
    return stats


def trainer_sharers(*, course: Course, page: int | str | None = 1) -> Page:
    """Participants who shared their follow-up with this course's trainers (2 queries: count, page)."""
    qs = FollowupShare.objects.filter(course=course).select_related("user").order_by("user__full_name", "user_id")
    return Paginator(qs, SHARERS_PAGE_SIZE).get_page(page)


def trainer_participant_detail(*, course: Course, participant: User, page: int | str | None = 1) -> dict:
    plans = participant_plans(user=participant, course=course)
    log_page, stats = practice_log_for_user(user=participant, page=page)
    return {"plans": plans, "log_page": log_page, "stats": stats}


# --- Organization admin --------------------------------------------------------------------------------


@dataclass
class OrgFollowupStats:
    members: int
    planners: int
    plans: int
    checkins: FollowupStats | None  # None when fewer than MIN_GROUP_SIZE people would be counted
    followthrough: FollowupStats | None

    @property
    def enough_people(self) -> bool:
        return self.planners >= MIN_GROUP_SIZE


def org_followup_stats(*, organization: Organization) -> OrgFollowupStats:
    """Aggregates over the organization's members, in four queries; groups under 5 are withheld."""
    member_ids = Membership.objects.filter(organization=organization).values("user_id")
    # 1: members
    members = Membership.objects.filter(organization=organization).count()
    # 2: plans and the people who made them
    plan_counts = CommitmentPlan.objects.filter(user_id__in=member_ids).aggregate(
        plans=Count("id"), people=Count("user", distinct=True)
    )
    planners = plan_counts["people"]
    result = OrgFollowupStats(members=members, planners=planners, plans=0, checkins=None, followthrough=None)
    if planners < MIN_GROUP_SIZE:
        return result
    result.plans = plan_counts["plans"]
    # 3: check-ins that fell due, and how many people that covers
    counts = _checkin_counts(CheckIn.objects.filter(plan__user_id__in=member_ids))
    if counts["people"] >= MIN_GROUP_SIZE:
        result.checkins = FollowupStats(checkins_due=counts["due"], checkins_answered=counts["answered"])
    # 4: follow-through, and how many people answered
    answers = CheckInAnswer.objects.filter(checkin__plan__user_id__in=member_ids).aggregate(
        people=Count("checkin__plan__user", distinct=True),
        **{key.value: Count("id", filter=Q(did_it=key)) for key in DID_IT_KEYS},
    )
    if answers["people"] >= MIN_GROUP_SIZE:
        result.followthrough = FollowupStats(answers={key.value: answers[key.value] for key in DID_IT_KEYS})
    return result
