"""The organization dashboard: a summary per course and one page of member rows.

Speed (issue 18): after `org_scope`, one lean query reads every row (id, course, status, inactive,
started) in the sort's order; the summary, the filter, the count and the page are worked out from it
here, and only the page's rows are read with their columns. `test_organizations_dashboard_rules`
holds these rules to the export's, which filters and orders in SQL (`progress._org_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization
from courses.cohorts.selectors import attendance_annotations
from courses.learning.models import Enrollment
from courses.learning.selectors import Progress
from courses.organizations.selectors.progress import (
    INACTIVE_DAYS,
    PROGRESS_SORTS,
    SORTS,
    OrgScope,
    has_started,
    items_done,
    org_scope,
    scope_enrollments,
)
from lms.charts import BarChart, ChartRow, Series, bar_chart
from lms.prepared import PreparedValues


@dataclass(frozen=True)
class CourseSummary:
    course_id: int
    title: str
    enrolled: int
    in_progress: int
    completed: int
    inactive: int = 0

    @property
    def not_started(self) -> int:
        return self.enrolled - self.in_progress - self.completed

    def count(self, status: str) -> int:
        """How many of this course's rows the dashboard's filter `status` shows."""
        by_status = {
            "not_started": self.not_started,
            "in_progress": self.in_progress,
            "completed": self.completed,
            "inactive": self.inactive,
        }
        return by_status.get(status, self.enrolled)


def org_course_summary(*, organization: Organization) -> list[CourseSummary]:
    """Per counted course, in title order: enrolled / in progress / completed / inactive (the
    dashboard's numbers, worked out the same way: two queries)."""
    scope = org_scope(organization=organization)
    inactive_before = timezone.now() - timedelta(days=INACTIVE_DAYS)
    return _summarise(scope, _lean_rows(scope, sort="name", inactive_before=inactive_before), "")[0]


def org_summary_chart(*, summary: list[CourseSummary]) -> BarChart:
    """Enrolled, in progress and completed per course: grouped bars on one scale."""
    return bar_chart(
        [ChartRow(label=s.title, values=[s.enrolled, s.in_progress, s.completed]) for s in summary],
        key="course-summary",
        title=_("Enrolled, in progress and completed per course (the same numbers are in the table below)"),
        series=(
            Series(key="enrolled", label=_("Enrolled")),
            Series(key="in-progress", label=_("In progress")),
            Series(key="completed", label=_("Completed")),
        ),
    )


@dataclass(slots=True)
class Person:
    full_name: str
    email: str


@dataclass(slots=True)
class CourseRef:
    title: str


@dataclass(slots=True)
class MemberRow:
    """One row of the dashboard as shown: a member's enrollment, its progress in percent
    (`enrollment_percent`'s rule), attendance and certificate."""

    pk: int
    user: Person
    course: CourseRef
    status: str
    percent: int
    last_activity_at: datetime
    is_inactive: bool
    completed_at: datetime | None
    certificate_code: str | None
    certificate_revoked_at: datetime | None
    present: int
    past_sessions: int


@dataclass(frozen=True)
class OrgDashboard:
    summary: list[CourseSummary]
    chart: BarChart
    rows: Page


def _lean_rows(scope: OrgScope, *, sort: str, inactive_before: datetime) -> list[tuple]:
    """Every row as (id, course id, status, inactive, started or items done), in the sort's order.
    Sorting by progress reads items done (counted) in name order, then sorts them here (stable);
    otherwise EXISTS says whether any required item is done, which stops at the first row."""
    rows = _lean_query(
        organization_id=scope.organization_id,
        course_ids=sorted(scope.totals),
        sort=sort if sort in SORTS else "name",
        inactive_before=inactive_before,
        lessons=scope.required_lessons,
        exercises=scope.required_exercises,
    )
    if sort in PROGRESS_SORTS:
        rows.sort(key=_ratio_key(scope.totals, descending=sort.startswith("-")))
    return rows


@PreparedValues
def _lean_query(
    *,
    organization_id: int,
    course_ids: list[int],
    sort: str,
    inactive_before: datetime,
    lessons: list[int],
    exercises: list[int],
) -> QuerySet:
    idle = ExpressionWrapper(Q(last_activity_at__lt=inactive_before), output_field=BooleanField())
    qs = scope_enrollments(organization_id=organization_id, course_ids=course_ids).annotate(idle=idle)
    if sort in PROGRESS_SORTS:
        qs = qs.annotate(started=items_done(lessons=lessons, exercises=exercises)).order_by("user__full_name", "pk")
    else:
        started = ExpressionWrapper(has_started(lessons=lessons, exercises=exercises), output_field=BooleanField())
        qs = qs.annotate(started=started).order_by(*SORTS[sort])
    return qs.values_list("pk", "course_id", "status", "idle", "started")


def _ratio_key(totals: dict[int, int], *, descending: bool):
    """Progress as `SORTS` orders it in SQL: done / required items, a course without any first
    going up and last going down."""

    def key(row: tuple) -> tuple:
        total = totals.get(row[1], 0)
        ratio = row[4] * 1.0 / total if total else None
        if descending:
            return (ratio is None, -ratio if ratio is not None else 0.0)
        return (ratio is not None, ratio if ratio is not None else 0.0)

    return key


def _summarise(scope: OrgScope, rows: list[tuple], status: str) -> tuple[list[CourseSummary], list[int]]:
    """The summary per course (in title order) and the ids of the rows the filter `status` shows, in
    order. The filters are `progress._org_rows`'s, on the lean rows (the same rules, held to each
    other by `test_organizations_dashboard_rules`)."""
    counts = {course_id: [0, 0, 0, 0] for course_id in scope.titles}  # enrolled, in progress, completed, inactive
    shown = []
    completed = str(Enrollment.Status.COMPLETED)
    for pk, course_id, row_status, idle, started in rows:
        count = counts[course_id]
        count[0] += 1
        if row_status == completed:
            count[2] += 1
            if status in ("", "completed"):
                shown.append(pk)
            continue
        if started:
            count[1] += 1
        if idle:
            count[3] += 1
        if (
            not status
            or (status == "in_progress" and started)
            or (status == "not_started" and not started)
            or (status == "inactive" and idle)
        ):
            shown.append(pk)
    summary = [
        CourseSummary(course_id=cid, title=title, enrolled=n[0], in_progress=n[1], completed=n[2], inactive=n[3])
        for cid, title in scope.titles.items()
        if (n := counts[cid])[0]
    ]
    return summary, shown


def _page_rows(scope: OrgScope, ids: list[int], *, inactive_before: datetime) -> list[MemberRow]:
    """The page's rows in the order of `ids`, with their columns, ready to show."""
    rows = _page_query(ids=ids, now=timezone.now(), lessons=scope.required_lessons, exercises=scope.required_exercises)
    by_id = {row[0]: row for row in rows}
    return [_member_row(by_id[pk], scope=scope, inactive_before=inactive_before) for pk in ids if pk in by_id]


@PreparedValues
def _page_query(*, ids: list[int], now: datetime, lessons: list[int], exercises: list[int]) -> QuerySet:
    return (
        Enrollment.objects.filter(pk__in=ids)
        .annotate(
            done=items_done(lessons=lessons, exercises=exercises),
            certificate_code=F("certificate__code"),
            certificate_revoked_at=F("certificate__revoked_at"),
            **attendance_annotations(now=now),
        )
        .values_list(*PAGE_FIELDS)
    )


PAGE_FIELDS = (
    "pk",
    "user__full_name",
    "user__email",
    "course_id",
    "course__title",
    "status",
    "done",
    "last_activity_at",
    "completed_at",
    "certificate_code",
    "certificate_revoked_at",
    "attendance_present",
    "attendance_past",
)


def _member_row(values: tuple, *, scope: OrgScope, inactive_before: datetime) -> MemberRow:
    pk, name, email, course_id, title, status, done, last_activity_at, completed_at, code, revoked_at, present, past = (
        values
    )
    completed = status == Enrollment.Status.COMPLETED
    return MemberRow(
        pk=pk,
        user=Person(full_name=name, email=email),
        course=CourseRef(title=title),
        status=status,
        percent=100 if completed else Progress(done=done, total=scope.totals.get(course_id, 0)).percent,
        last_activity_at=last_activity_at,
        is_inactive=not completed and last_activity_at is not None and last_activity_at < inactive_before,
        completed_at=completed_at,
        certificate_code=code,
        certificate_revoked_at=revoked_at,
        present=present,
        past_sessions=past,
    )


def org_dashboard_read(*, organization: Organization, sort: str, status: str, number, per_page: int) -> OrgDashboard:
    """The dashboard in four queries whatever the organization's size: the counted courses and their
    required items (`org_scope`); every row, lean (id, course, status, inactive, started), in the sort's order, from
    which the summary, the filter and the page are worked out here; and the page's rows with their
    columns."""
    scope = org_scope(organization=organization)
    inactive_before = timezone.now() - timedelta(days=INACTIVE_DAYS)
    lean = _lean_rows(scope, sort=sort, inactive_before=inactive_before)
    summary, shown = _summarise(scope, lean, status)
    page = Paginator(shown, per_page).get_page(number)
    page.object_list = _page_rows(scope, list(page.object_list), inactive_before=inactive_before)
    return OrgDashboard(summary=summary, chart=org_summary_chart(summary=summary), rows=page)
