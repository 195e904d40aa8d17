"""Reads for the participant's follow-up page: plans, the follow-through chart, the practice log."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.followup.models import (
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.followup.tokens import CHECKIN_LINK_MAX_AGE
from courses.learning.models import Course, Enrollment
from lms.charts import BarChart, ChartRow, Series, bar_chart

LOG_PAGE_SIZE = 10


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
    """The user's plans with commitments (and earlier versions), buddy and check-ins (with answers), in
    five queries. Each commitment gets `needs_replan` (two "not yet" in a row since its last re-plan)."""
    now = timezone.now()
    qs = CommitmentPlan.objects.filter(user=user)
    if course is not None:
        qs = qs.filter(course=course)
    plans = list(
        # 1: plans with course, exercise and buddy (reverse one-to-one) joined
        qs.select_related("course", "exercise", "buddy").prefetch_related(
            # 2: commitments, 3: their earlier versions (re-plans)
            Prefetch("commitments", queryset=Commitment.objects.order_by("position").prefetch_related("versions")),
            # 4: check-ins, 5: their answers
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
        _mark_relapses(plan)
    return plans


def _mark_relapses(plan: CommitmentPlan) -> None:
    """A commitment answered "not yet" at its last two check-ins (both after its last re-plan) is offered a re-plan."""
    answered = [c for c in plan.checkins.all() if c.status == CheckIn.Status.ANSWERED]
    for commitment in plan.commitments.all():
        versions = list(commitment.versions.all())
        since = versions[-1].replaced_at if versions else None
        recent = [
            a.did_it
            for c in answered
            if since is None or c.answered_at > since
            for a in c.answers.all()
            if a.commitment_id == commitment.pk
        ]
        commitment.needs_replan = commitment.is_open and recent[-2:] == [CheckInAnswer.DidIt.NOT_YET] * 2


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
                    label=date_format(day, "j M"),  # "30 nov" in Dutch, "30 Nov" in English
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
