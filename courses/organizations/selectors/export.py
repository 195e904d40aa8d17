"""The CSV export of the team's progress: the dashboard's rows, every one, streamed.

The same privacy line as the dashboard (`progress`): completion counts, dates, attendance and
certificate codes only.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization
from courses.cohorts.selectors import attendance_annotations
from courses.learning.models import Enrollment
from courses.learning.selectors import Progress
from courses.organizations.selectors.progress import org_enrollments, org_scope

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
    chunks, never all in memory, after `org_scope`'s one small query (required items per course:
    a subquery counted them again on every row, a third of the export's time on PostgreSQL)."""
    scope = org_scope(organization=organization)
    queryset = org_enrollments(organization=organization, sort=sort, status=status, scope=scope)
    tz = timezone.get_current_timezone()
    for values in queryset.annotate(**attendance_annotations()).values_list(*EXPORT_FIELDS).iterator(chunk_size=500):
        yield _export_row(values, totals=scope.totals, tz=tz)
