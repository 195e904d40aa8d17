"""Reads for follow-up. Each function owns its joins, so page query counts never grow with data."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core import signing
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, User
from courses.followup.models import (
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.followup.tokens import CHECKIN_LINK_MAX_AGE, checkin_token_loads
from courses.learning.models import Course, Enrollment, Exercise
from lms.charts import BarChart, ChartRow, Series, bar_chart

MIN_GROUP_SIZE = 5  # organization aggregates are never shown for fewer people
LOG_PAGE_SIZE = 10
SHARERS_PAGE_SIZE = 25
DID_IT_KEYS = [CheckInAnswer.DidIt.YES, CheckInAnswer.DidIt.PARTLY, CheckInAnswer.DidIt.NOT_YET]


# --- Permission: one function per object kind ------------------------------------------------------


def plan_exercise_for_participant_or_404(*, user: User, course_slug: str, exercise_slug: str) -> Exercise:
    """A plan exercise in a course the user is (or was) enrolled in; 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    exercise = (
        Exercise.objects.select_related("course")
        .filter(course__slug=course_slug, slug=exercise_slug, kind=Exercise.Kind.PLAN)
        .first()
    )
    if exercise is None:
        raise Http404
    enrolled = (
        Enrollment.objects.filter(user=user, course_id=exercise.course_id)
        .exclude(status=Enrollment.Status.CANCELLED)
        .exists()
    )
    if not enrolled:
        raise Http404
    return exercise


def practice_log_entry_for_owner_or_404(*, user: User, pk: int) -> PracticeLogEntry:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(PracticeLogEntry, pk=pk, user=user)


def checkin_for_owner_or_404(*, user: User, pk: int) -> CheckIn:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(CheckIn.objects.select_related("plan"), pk=pk, plan__user=user)


def buddy_for_token_or_404(*, token: str) -> Buddy:
    return get_object_or_404(
        Buddy.objects.select_related("plan__user", "plan__course").prefetch_related("plan__commitments"),
        token=token,
    )


def trainer_participant_or_404(*, course: Course, user_id: int) -> User:
    """A participant of `course` who shared their follow-up with its trainers; 404 otherwise."""
    share = FollowupShare.objects.select_related("user").filter(course=course, user_id=user_id).first()
    if share is None:
        raise Http404
    return share.user


# --- Signed check-in links -------------------------------------------------------------------------


class CheckinLinkError(Exception):
    """Why a check-in link is refused: "invalid" (tampered/unknown/someone else's), "expired", "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def checkin_for_token(*, token: str, user: User | None = None) -> CheckIn:
    """The check-in a signed link is for, if the link is genuine, fresh (14 days) and unused.

    Works without login. When someone *is* logged in, the check-in must be theirs.
    """
    try:
        payload = checkin_token_loads(token)
    except signing.SignatureExpired as exc:
        raise CheckinLinkError("expired") from exc
    except signing.BadSignature as exc:
        raise CheckinLinkError("invalid") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("c"), int) or not isinstance(payload.get("n"), str):
        raise CheckinLinkError("invalid")
    checkin = (
        CheckIn.objects.select_related("plan__user", "plan__course", "plan__exercise")
        .prefetch_related(Prefetch("plan__commitments", queryset=Commitment.objects.order_by("position")))
        .filter(pk=payload["c"], nonce=payload["n"])
        .first()
    )
    if checkin is None:
        raise CheckinLinkError("invalid")
    if user is not None and user.is_authenticated and user.pk != checkin.plan.user_id:
        raise CheckinLinkError("invalid")
    if checkin.status == CheckIn.Status.ANSWERED:
        raise CheckinLinkError("used")
    return checkin


# --- The participant's page --------------------------------------------------------------------------


@dataclass
class ChartPoint:
    label: str
    day: datetime.date
    yes: int
    partly: int
    not_yet: int
    naturalness: float | None

    @property
    def total(self) -> int:
        return self.yes + self.partly + self.not_yet


def checkin_state(checkin: CheckIn, now: datetime.datetime) -> str:
    if checkin.status == CheckIn.Status.ANSWERED:
        return "answered"
    if checkin.status == CheckIn.Status.MISSED or checkin.due_at + CHECKIN_LINK_MAX_AGE < now:
        return "missed"
    if checkin.due_at <= now:
        return "due"
    return "upcoming"


def participant_plans(*, user: User, course: Course | None = None) -> list[CommitmentPlan]:
    """The user's plans with commitments, buddy and check-ins (with answers), in four queries."""
    now = timezone.now()
    qs = CommitmentPlan.objects.filter(user=user)
    if course is not None:
        qs = qs.filter(course=course)
    plans = list(
        # 1: plans with course, exercise and buddy (reverse one-to-one) joined
        qs.select_related("course", "exercise", "buddy").prefetch_related(
            # 2: commitments
            Prefetch("commitments", queryset=Commitment.objects.order_by("position")),
            # 3: check-ins, 4: their answers
            Prefetch(
                "checkins",
                queryset=CheckIn.objects.order_by("due_at", "id").prefetch_related(
                    Prefetch("answers", queryset=CheckInAnswer.objects.order_by("id"))
                ),
            ),
        )
    )
    for plan in plans:
        try:
            plan.buddy_or_none = plan.buddy
        except Buddy.DoesNotExist:
            plan.buddy_or_none = None
        for checkin in plan.checkins.all():
            checkin.state = checkin_state(checkin, now)
    return plans


def followthrough_points(plans: list[CommitmentPlan]) -> list[ChartPoint]:
    """One point per answered check-in, oldest first, from already prefetched plans."""
    points = []
    for plan in plans:
        for checkin in plan.checkins.all():
            if checkin.status != CheckIn.Status.ANSWERED:
                continue
            answers = list(checkin.answers.all())
            counts = Counter(a.did_it for a in answers)
            natural = [a.naturalness for a in answers]
            day = timezone.localdate(checkin.answered_at)
            points.append(
                ChartPoint(
                    label=day.strftime("%d %b"),
                    day=day,
                    yes=counts[CheckInAnswer.DidIt.YES],
                    partly=counts[CheckInAnswer.DidIt.PARTLY],
                    not_yet=counts[CheckInAnswer.DidIt.NOT_YET],
                    naturalness=round(sum(natural) / len(natural), 1) if natural else None,
                )
            )
    points.sort(key=lambda p: p.day)
    return points


FOLLOWTHROUGH_SERIES = (
    Series(key="yes", label=_("Yes")),
    Series(key="partly", label=_("Partly")),
    Series(key="not-yet", label=_("Not yet")),
)


def followthrough_chart(points: list[ChartPoint]) -> BarChart:
    """Stacked bars (share of yes / partly / not yet per check-in) with a dot for how natural it felt."""
    return bar_chart(
        [ChartRow(label=p.label, values=[p.yes, p.partly, p.not_yet], marker=p.naturalness) for p in points],
        key="followthrough",
        title=_("Follow-through per check-in"),
        description=_(
            "For each answered check-in, the share of commitments done (yes), partly done and not yet done, "
            "and a dot for how natural it felt on average (0 to 10). The table below has the same numbers."
        ),
        series=FOLLOWTHROUGH_SERIES,
        stacked=True,
        marker_max=10,
        width=600,
        label_width=80,
    )


@dataclass
class PracticeStats:
    total: int = 0
    current_streak: int = 0
    longest_streak: int = 0
    per_week: list[tuple[datetime.date, int]] = field(default_factory=list)
    per_technique: list[tuple[str, str, int]] = field(default_factory=list)


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def practice_stats(*, dates_and_techniques: list[tuple[datetime.date, str]], today: datetime.date) -> PracticeStats:
    """Streaks (consecutive weeks with an entry), counts over the last 8 weeks and per technique."""
    weeks = Counter(_week_start(d) for d, _t in dates_and_techniques)
    this_week = _week_start(today)
    one_week = datetime.timedelta(weeks=1)
    # Current streak: up to this week, or up to last week when nothing is logged yet this week.
    cursor = this_week if weeks.get(this_week) else this_week - one_week
    current = 0
    while weeks.get(cursor):
        current += 1
        cursor -= one_week
    longest = run = 0
    previous = None
    for week in sorted(weeks):
        run = run + 1 if previous is not None and week - previous == one_week else 1
        longest = max(longest, run)
        previous = week
    techniques = Counter(t for _d, t in dates_and_techniques)
    labels = dict(PracticeLogEntry.Technique.choices)
    return PracticeStats(
        total=len(dates_and_techniques),
        current_streak=current,
        longest_streak=longest,
        per_week=[(this_week - one_week * i, weeks.get(this_week - one_week * i, 0)) for i in range(7, -1, -1)],
        per_technique=[(key, labels[key], techniques.get(key, 0)) for key in labels],
    )


def practice_log_for_user(*, user: User, page: int | str | None = 1) -> tuple[Page, PracticeStats]:
    """A page of the user's log (2 queries: count, page) and its stats (1 query)."""
    entries = PracticeLogEntry.objects.filter(user=user).select_related("course").order_by("-date", "-id")
    page_obj = Paginator(entries, LOG_PAGE_SIZE).get_page(page)
    rows = list(PracticeLogEntry.objects.filter(user=user).values_list("date", "technique"))
    return page_obj, practice_stats(dates_and_techniques=rows, today=timezone.localdate())


def share_options(*, user: User) -> list[dict]:
    """The courses the user is enrolled in, each with whether the follow-up is shared (2 queries)."""
    courses = list(
        Course.objects.filter(enrollments__user=user)
        .exclude(enrollments__status=Enrollment.Status.CANCELLED)
        .distinct()
        .order_by("title")
    )
    shared = set(FollowupShare.objects.filter(user=user).values_list("course_id", flat=True))
    return [{"course": c, "shared": c.pk in shared} for c in courses]


def enrolled_courses(*, user: User) -> list[Course]:
    return list(
        Course.objects.filter(enrollments__user=user)
        .exclude(enrollments__status=Enrollment.Status.CANCELLED)
        .distinct()
        .order_by("title")
    )


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


def trainer_followup_stats(*, course: Course) -> FollowupStats:
    """Aggregates for one course in five queries, whatever the number of participants."""
    stats = FollowupStats()
    # 1: participants (not cancelled)
    stats.people = Enrollment.objects.filter(course=course).exclude(status=Enrollment.Status.CANCELLED).count()
    # 2: plans made
    stats.plans = CommitmentPlan.objects.filter(course=course).count()
    # 3: check-ins that fell due, and how many were answered
    counts = _checkin_counts(CheckIn.objects.filter(plan__course=course))
    stats.checkins_due, stats.checkins_answered = counts["due"], counts["answered"]
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
