"""Reads for organization pages. Each owns its joins so a page's query count never grows.

The privacy line: these selectors read only enrollment dates, lesson/exercise *completion*
counts and status. Nothing here touches reflection text, assignment content or feedback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from courses.cohorts.selectors import attendance_annotations
from courses.learning.models import Course, Enrollment, Exercise, ExerciseCompletion, Lesson, LessonProgress
from courses.learning.selectors import Progress
from courses.learning.translations import course_family_ids
from courses.organizations.models import Invitation, SeatLicence
from courses.reminders.models import Reminder
from lms.charts import BarChart, ChartRow, Series, bar_chart

INACTIVE_DAYS = 14

SORTS = {
    "name": ("user__full_name", "user__email", "course__title"),
    "-name": ("-user__full_name", "-user__email", "course__title"),
    "progress": ("progress_ratio", "user__full_name", "pk"),
    "-progress": ("-progress_ratio", "user__full_name", "pk"),
    "activity": ("last_activity_at", "pk"),
    "-activity": ("-last_activity_at", "pk"),
}
FILTERS = ("not_started", "in_progress", "completed", "inactive")


def organization_for_admin_or_404(*, user: User, slug: str) -> Organization:
    """The organization `slug` if `user` administers it (staff: any).

    404 for anonymous users, non-members and other organizations' people (nothing is revealed);
    403 for members who are not admins.
    """
    if not user.is_authenticated:
        raise Http404
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404
    if user.is_staff:
        return organization
    role = Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True).first()
    if role is None:
        raise Http404
    if role != Membership.Role.ADMIN:
        raise PermissionDenied
    return organization


def organizations_administered(*, user: User) -> QuerySet[Organization]:
    qs = (
        Organization.objects.all()
        if user.is_staff
        else Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)
    )
    return qs.annotate(member_count=Count("memberships", distinct=True)).order_by("name")


def licence_for_org_or_404(*, organization: Organization, licence_id: int) -> SeatLicence:
    licence = SeatLicence.objects.filter(pk=licence_id, organization=organization).select_related("course").first()
    if licence is None:
        raise Http404
    return licence


def invitation_for_org_or_404(*, organization: Organization, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=pk, organization=organization).select_related("organization").first()
    if invitation is None:
        raise Http404
    return invitation


def invitations_pending_for_user(user: User) -> list[Invitation]:
    """Invitations waiting for the user's address (not used, revoked, expired, nor on an expired
    licence), soonest to expire first, with organization and course: one query."""
    if not user.is_authenticated or not user.email:
        return []
    today = timezone.localdate()
    return list(
        Invitation.objects.filter(
            email__iexact=user.email, status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
        )
        .filter(Q(licence__valid_until__isnull=True) | Q(licence__valid_until__gte=today))
        .select_related("organization", "licence__course")
        .order_by("expires_at", "pk")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token=token).select_related("organization", "licence__course").first()
        if token
        else None
    )


def user_exists_with_email(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def org_licences(*, organization: Organization) -> list[SeatLicence]:
    """Licences with course and the number of live pending invitations (one query)."""
    now = timezone.now()
    licences = list(
        SeatLicence.objects.filter(organization=organization)
        .select_related("course", "cohort")
        .annotate(
            pending=Count(
                "invitations", filter=Q(invitations__status=Invitation.Status.PENDING, invitations__expires_at__gt=now)
            )
        )
        .order_by("course__title", "pk")
    )
    for lic in licences:
        lic.free = max(lic.seats - lic.seats_used - lic.pending, 0)
        lic.used_percent = round(100 * lic.seats_used / lic.seats) if lic.seats else 0
    return licences


def org_pending_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    """Pending and expired invitations; `is_sent` says the outbox sent one (no extra query)."""
    sent = Reminder.objects.filter(
        kind="invitation",
        object_key=Concat(Value("invitation:"), Cast(OuterRef("pk"), CharField())),
        status=Reminder.Status.SENT,
    )
    return (
        Invitation.objects.filter(
            organization=organization, status__in=[Invitation.Status.PENDING, Invitation.Status.EXPIRED]
        )
        .annotate(is_sent=Exists(sent))
        .select_related("licence__course")
        .order_by("-created_at", "-pk")
    )


def _done(model, item: str, item_model):
    """A member's completions of the row's course's required items. PostgreSQL matches the course's
    required ids (`lesson_id IN (...)`); joining for `required` scanned the items per enrollment (the
    summary's EXISTS: 111 -> 9 ms at 1,000 members). SQLite is faster with the join (3 against 20 ms)."""
    where = {"user_id": OuterRef("user_id"), "course_id": OuterRef("course_id")}
    if connection.vendor == "postgresql":
        where[f"{item}_id__in"] = item_model.objects.filter(
            course_id=OuterRef(OuterRef("course_id")), required=True
        ).values("id")
    else:
        where[f"{item}__required"] = True
    return model.objects.filter(**where)


def _count_sub(qs):
    counted = qs.order_by().values("course_id").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _items_total(course_ref: str):
    """Required lessons + required exercises of the course `course_ref` points to."""
    lessons = Lesson.objects.filter(course_id=OuterRef(course_ref), required=True)
    return _count_sub(lessons) + _count_sub(Exercise.objects.filter(course_id=OuterRef(course_ref), required=True))


def _progress_annotations() -> dict:
    # Counting keeps the join on `required`: with `_done`'s IN the planner probes each required lesson per row.
    where = {"user_id": OuterRef("user_id"), "course_id": OuterRef("course_id")}
    lessons = LessonProgress.objects.filter(**where, lesson__required=True)
    exercises = ExerciseCompletion.objects.filter(**where, exercise__required=True)
    return {"items_done": _count_sub(lessons) + _count_sub(exercises), "items_total": _items_total("course_id")}


def _has_started() -> Q:
    """items_done > 0, as two EXISTS (cheaper than counting: they stop at the first row)."""
    return Q(Exists(_done(LessonProgress, "lesson", Lesson))) | Q(
        Exists(_done(ExerciseCompletion, "exercise", Exercise))
    )


def _with_progress_ratio(qs: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Only when sorting by it: SQLite evaluates each correlated subquery of it again."""
    ratio = F("items_done") * 1.0 / Coalesce(F("items_total") * 1.0, Value(1.0))
    return qs.annotate(progress_ratio=ExpressionWrapper(ratio, output_field=FloatField()))


def _org_rows(*, organization: Organization, sort: str, status: str) -> QuerySet[Enrollment]:
    """The rows of the dashboard and the export, filtered and ordered, with only the per-row
    columns the sort needs: one row per member × enrollment in a course the organization licenses."""
    course_ids = course_family_ids(SeatLicence.objects.filter(organization=organization).values("course_id"))
    member_ids = Membership.objects.filter(organization=organization).values("user_id")
    qs = Enrollment.objects.filter(course_id__in=course_ids, user_id__in=member_ids).exclude(
        status=Enrollment.Status.CANCELLED
    )
    if sort in ("progress", "-progress"):
        qs = _with_progress_ratio(qs.annotate(**_progress_annotations()))
    inactive_before = timezone.now() - timedelta(days=INACTIVE_DAYS)
    if status == "not_started":
        qs = qs.filter(~_has_started()).exclude(status=Enrollment.Status.COMPLETED)
    elif status == "in_progress":
        qs = qs.filter(_has_started()).exclude(status=Enrollment.Status.COMPLETED)
    elif status == "completed":
        qs = qs.filter(status=Enrollment.Status.COMPLETED)
    elif status == "inactive":
        qs = qs.filter(last_activity_at__lt=inactive_before).exclude(status=Enrollment.Status.COMPLETED)
    return qs.order_by(*SORTS.get(sort, SORTS["name"]))


def _with_row_columns(qs: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Name, course, progress counts and certificate on each row (joins and subqueries, no extra query)."""
    qs = qs.select_related("user", "course").only(
        "id",
        "user_id",
        "course_id",
        "status",
        "enrolled_at",
        "completed_at",
        "last_activity_at",
        "user__full_name",
        "user__email",
        "course__title",
        "course__slug",
    )
    if "items_done" not in qs.query.annotations:
        qs = qs.annotate(**_progress_annotations())
    # The certificate rides on the same row (a LEFT JOIN on the one-to-one), no extra query.
    return qs.annotate(certificate_code=F("certificate__code"), certificate_revoked_at=F("certificate__revoked_at"))


def org_enrollments(*, organization: Organization, sort: str = "name", status: str = "") -> QuerySet[Enrollment]:
    """Every row with its columns. Progress is computed in SQL (done / total required items, the
    same rule as `progress_for_enrollments`), so the CSV export can stream it in one query."""
    return _with_row_columns(_org_rows(organization=organization, sort=sort, status=status))


def org_enrollment_page(*, organization: Organization, sort: str, status: str, number, per_page: int) -> Page:
    """One page of the dashboard in two queries (count, rows), whatever the organization's size: the
    paginator counts and slices lean rows (ids in order); only the page's rows get their columns."""
    lean = _org_rows(organization=organization, sort=sort, status=status)
    page = Paginator(lean.values_list("pk", flat=True), per_page).get_page(number)
    # The page's ids as a subquery, without repeating the filters around it (planned twice on PostgreSQL).
    rows = _with_row_columns(Enrollment.objects.filter(pk__in=page.object_list))
    if sort in ("progress", "-progress"):
        rows = _with_progress_ratio(rows)
    rows = rows.annotate(**attendance_annotations()).order_by(*SORTS.get(sort, SORTS["name"]))
    page.object_list = list(rows)
    return page


def enrollment_percent(enrollment: Enrollment) -> int:
    if enrollment.status == Enrollment.Status.COMPLETED:
        return 100
    return Progress(done=enrollment.items_done, total=enrollment.items_total).percent


@dataclass(frozen=True)
class CourseSummary:
    course_id: int
    title: str
    enrolled: int
    in_progress: int
    completed: int

    @property
    def not_started(self) -> int:
        return self.enrolled - self.in_progress - self.completed


def org_course_summary(*, organization: Organization) -> list[CourseSummary]:
    """Per licensed course: enrolled / in progress / completed (one query)."""
    course_ids = course_family_ids(SeatLicence.objects.filter(organization=organization).values("course_id"))
    member_ids = Membership.objects.filter(organization=organization).values("user_id")
    # The same rows as `org_enrollments`, without its per-row progress counts: "in progress"
    # only needs to know whether any required item is done (EXISTS), not how many.
    rows = (
        Enrollment.objects.filter(course_id__in=course_ids, user_id__in=member_ids)
        .exclude(status=Enrollment.Status.CANCELLED)
        .order_by()
        .values("course_id", "course__title")
        .annotate(
            enrolled=Count("id"),
            completed=Count("id", filter=Q(status=Enrollment.Status.COMPLETED)),
            in_progress=Count("id", filter=_has_started() & ~Q(status=Enrollment.Status.COMPLETED)),
        )
        .order_by("course__title")
    )
    return [
        CourseSummary(
            course_id=r["course_id"],
            title=r["course__title"],
            enrolled=r["enrolled"],
            in_progress=r["in_progress"],
            completed=r["completed"],
        )
        for r in rows
    ]


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


EXPORT_FIELDS = (
    "user__full_name",
    "user__email",
    "course__title",
    "status",
    "course_id",
    "items_done",
    "last_activity_at",
    "completed_at",
    "attendance_present",
    "attendance_past",
    "certificate_code",
    "certificate_revoked_at",
)


def org_export_header() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Course"),
        _("Progress %"),
        _("Last activity"),
        _("Completed on"),
        _("Certificate"),
        _("Attendance (present / past sessions)"),
    ]


def _export_row(values: tuple, *, totals: dict, tz) -> list:
    name, email, title, status, course_id, done, last_activity_at, completed_at, present, past, code, revoked_at = (
        values
    )
    total = totals.get(course_id, 0)
    certificate = (f"{code} ({_('revoked')})" if revoked_at else code) if code else "—"
    return [
        name,
        email,
        title,
        100 if status == Enrollment.Status.COMPLETED else Progress(done=done, total=total).percent,
        last_activity_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if last_activity_at else "",
        completed_at.astimezone(tz).strftime("%Y-%m-%d") if completed_at else "",
        certificate,
        f"{present} / {past}" if past else "—",
    ]


def org_export_rows(*, organization: Organization, sort: str, status: str) -> Iterator[list]:
    """The dashboard's rows (`enrollment_percent`'s rule, attendance as subqueries) as tuples read in
    chunks, never all in memory. Required items per course come first in one small query: a
    subquery counted them again on every row (a third of the export's time on PostgreSQL)."""
    course_ids = course_family_ids(SeatLicence.objects.filter(organization=organization).values("course_id"))
    totals = dict(Course.objects.filter(pk__in=course_ids).annotate(n=_items_total("pk")).values_list("pk", "n"))
    queryset = org_enrollments(organization=organization, sort=sort, status=status).annotate(**attendance_annotations())
    tz = timezone.get_current_timezone()
    for values in queryset.values_list(*EXPORT_FIELDS).iterator(chunk_size=500):
        yield _export_row(values, totals=totals, tz=tz)
