"""Reads for the trainer studio: its course list, outline and per-course analytics.

Every function here runs a fixed number of queries, whatever the number of enrollments:
counting, grouping and medians happen in the database.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, DurationField, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.models import Course, Enrollment, Exercise, Lesson, LessonAttachment, Module
from courses.studio.charts import Table
from courses.studio.kinds import kind_entry


def studio_courses(*, user: User) -> QuerySet[Course]:
    """Courses the user teaches (staff: all), with enrollment counts (one query)."""
    qs = Course.objects.all() if user.is_staff else Course.objects.filter(trainers=user)
    return qs.annotate(
        enrollment_count=Count("enrollments", filter=~Q(enrollments__status=Enrollment.Status.CANCELLED)),
    ).order_by("status", "title")


def pending_review_counts(course_ids: list[int]) -> dict[int, int]:
    """Submissions waiting for review, per course id (one query; zeros without the model).

    Works before and after the exercises area is merged: the Submission model
    (exercise FK, status "submitted" = pending) is looked up by name.
    """
    counts = {cid: 0 for cid in course_ids}
    try:
        submission = apps.get_model("courses", "Submission")
    except LookupError:
        return counts
    rows = (
        submission.objects.filter(exercise__course_id__in=course_ids, status="submitted")
        .values("exercise__course_id")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["exercise__course_id"]] = row["n"]
    return counts


def studio_outline(*, course: Course) -> list[Module]:
    """Modules with lessons (and their progress counts) and exercises, in order (three queries)."""
    return list(
        course.modules.order_by("position", "id").prefetch_related(
            Prefetch(
                "lessons",
                queryset=Lesson.objects.order_by("position", "id")
                .defer("body", "body_html")
                .annotate(progress_count=Count("progress")),
            ),
            Prefetch(
                "exercises",
                queryset=Exercise.objects.order_by("position", "id")
                .defer("instructions", "instructions_html")
                .annotate(completion_count=Count("completions")),
            ),
        )
    )


def studio_preview(*, course: Course) -> list[Module]:
    """The whole course with lesson HTML and attachments, as participants would read it (four queries)."""
    return list(
        course.modules.order_by("position", "id").prefetch_related(
            Prefetch(
                "lessons",
                queryset=Lesson.objects.order_by("position", "id").prefetch_related(
                    Prefetch("attachments", queryset=LessonAttachment.objects.order_by("id"))
                ),
            ),
            Prefetch("exercises", queryset=Exercise.objects.order_by("position", "id")),
        )
    )


def _median_days(qs: QuerySet, start: str, end: str, count: int) -> float | None:
    """Median of (end - start) in days over `qs`, found in the database (one query).

    The rows are ordered by their duration and only the one or two middle rows are fetched,
    so the query count and the data transferred stay the same at any size.
    """
    # The query runs even with no rows, so the page's query count never depends on the data.
    duration = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    lo, hi = max(count - 1, 0) // 2, count // 2
    middle = list(qs.annotate(duration=duration).order_by("duration").values_list("duration", flat=True)[lo : hi + 1])
    if not middle:
        return None
    seconds = sum(d.total_seconds() for d in middle) / len(middle)
    return round(seconds / 86400, 1)


def _turnaround_table(course: Course) -> Table:
    """Assignment turnaround, when a Submission model with submitted_at/reviewed_at exists."""
    table = Table(
        key="turnaround",
        title=_("Assignment turnaround"),
        columns=[_("Reviewed submissions"), _("Median days from submission to review")],
    )
    try:
        submission = apps.get_model("courses", "Submission")
        submission._meta.get_field("submitted_at")
        submission._meta.get_field("reviewed_at")
    except (LookupError, FieldDoesNotExist):
        table.note = _("Practice assignments are not available on this site yet.")
        return table
    qs = submission.objects.filter(exercise__course=course, reviewed_at__isnull=False, submitted_at__isnull=False)
    n = qs.count()
    table.rows = [[n, _median_days(qs, "submitted_at", "reviewed_at", n)]]
    return table


def _kind_tables(course: Course, kind: str, key: str, title: str, missing_note: str) -> list[Table]:
    entry = kind_entry(kind)
    if entry.analytics is None:
        return [Table(key=key, title=title, columns=[], note=missing_note)]
    return entry.analytics(course)


def course_analytics(*, course: Course) -> list[Table]:
    """All analytics tables of a course. Query count is fixed (see tests)."""
    now = timezone.now()
    enrollments = Enrollment.objects.filter(course=course).exclude(status=Enrollment.Status.CANCELLED)
    # Query 1: totals, active in the last 7 days, completed.
    totals = enrollments.aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(last_activity_at__gte=now - timedelta(days=7))),
        completed=Count("id", filter=Q(status=Enrollment.Status.COMPLETED)),
    )
    # Query 2: median days from enrolling to completing.
    completed_qs = enrollments.filter(status=Enrollment.Status.COMPLETED, completed_at__isnull=False)
    median = _median_days(completed_qs, "enrolled_at", "completed_at", totals["completed"])
    rate = round(100 * totals["completed"] / totals["total"], 1) if totals["total"] else 0
    summary = Table(
        key="summary",
        title=_("Summary"),
        columns=[_("Enrolled"), _("Active in the last 7 days"), _("Completion rate (%)"), _("Median days to complete")],
        rows=[[totals["total"], totals["active"], rate, median if median is not None else "–"]],
    )
    # Query 3: enrollments per week.
    weekly = Table(
        key="enrollments",
        title=_("Enrollments per week"),
        columns=[_("Week starting"), _("Enrollments")],
        chart_column=1,
    )
    for row in (
        enrollments.annotate(week=TruncWeek("enrolled_at")).values("week").annotate(n=Count("id")).order_by("week")
    ):
        week = row["week"]
        weekly.rows.append([week.date().isoformat() if hasattr(week, "date") else str(week), row["n"]])
    # Query 4: lesson funnel: how many enrolled participants completed each lesson, in course order.
    funnel = Table(
        key="funnel",
        title=_("Lesson funnel"),
        columns=[_("Lesson"), _("Completed by"), _("% of enrolled")],
        chart_column=2,
        chart_max=100,
    )
    lessons = (
        Lesson.objects.filter(course=course)
        .order_by("module__position", "module_id", "position", "id")
        .annotate(done=Count("progress"))
        .values_list("title", "done")
    )
    for title, done in lessons:
        funnel.rows.append([title, done, round(100 * done / totals["total"], 1) if totals["total"] else 0])
    tables = [summary, weekly, funnel]
    # Kind-specific figures come from the registry (and turnaround from the Submission model).
    tables += _kind_tables(
        course,
        Exercise.Kind.QUIZ,
        "quiz",
        _("Quiz questions by percent correct"),
        _("Quiz figures appear here once quizzes are available on this site."),
    )
    tables.append(_turnaround_table(course))
    tables += _kind_tables(
        course,
        Exercise.Kind.PLAN,
        "followup",
        _("Follow-up"),
        _("Follow-up figures appear here once commitment plans are available on this site."),
    )
    return tables


def trainer_candidates() -> QuerySet[User]:
    return User.objects.filter(Q(is_trainer=True) | Q(is_staff=True)).order_by("full_name", "email")
