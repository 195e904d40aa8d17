"""Reads for the trainer studio: its course list, outline and per-course analytics.

Every function here runs a fixed number of queries, whatever the number of enrollments:
counting, grouping and medians happen in the database.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.kinds import exercise_kind
from courses.exercises.models import Option, Question, Review, RubricCriterion, Submission
from courses.followup.models import CheckInAnswer
from courses.followup.selectors import trainer_followup_summary
from courses.learning.models import Course, Enrollment, Exercise, Lesson, LessonAttachment, LessonProgress, Module
from courses.studio.charts import Table


def studio_courses(*, user: User) -> QuerySet[Course]:
    """Courses the user teaches (staff: all), with enrollment counts (one query)."""
    qs = Course.objects.all() if user.is_staff else Course.objects.filter(trainers=user)
    return qs.annotate(
        enrollment_count=Count("enrollments", filter=~Q(enrollments__status=Enrollment.Status.CANCELLED)),
    ).order_by("status", "title")


def pending_review_counts(course_ids: list[int]) -> dict[int, int]:
    """Submissions waiting for review (status "submitted"), per course id (one query)."""
    counts = {cid: 0 for cid in course_ids}
    rows = (
        Submission.objects.filter(course_id__in=course_ids, status=Submission.Status.SUBMITTED)
        .values("course_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["course_id"]] = row["n"]
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
    """The whole course as participants would read it, with quiz questions and rubrics (seven queries)."""
    return list(
        course.modules.order_by("position", "id").prefetch_related(
            Prefetch(
                "lessons",
                queryset=Lesson.objects.order_by("position", "id").prefetch_related(
                    Prefetch("attachments", queryset=LessonAttachment.objects.order_by("id"))
                ),
            ),
            Prefetch(
                "exercises",
                queryset=Exercise.objects.order_by("position", "id")
                .select_related("quiz")
                .prefetch_related(
                    Prefetch("quiz__questions", queryset=Question.objects.order_by("position", "id")),
                    Prefetch("quiz__questions__options", queryset=Option.objects.order_by("position", "id")),
                    Prefetch("rubric_criteria", queryset=RubricCriterion.objects.order_by("position", "id")),
                ),
            ),
        )
    )


class _CountRows(Func):
    """COUNT(*) of a subquery's rows as a plain expression: the subquery gets no GROUP BY
    (Django adds one for `.values(...).annotate(Count(...))`), so it always returns one row."""

    template = "COUNT(*)"
    output_field = IntegerField()


class _Plain(Func):
    """A datetime column compared as the text SQLite stores it in: `+column` has no affinity, so
    SQLite compares the strings as they are, instead of first trying, per row, to read the other
    side as a number (a DATETIME column has NUMERIC affinity). The same result, about a fifth
    cheaper per comparison. Elsewhere the column itself."""

    template = "%(expressions)s"
    output_field = DateTimeField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class _Elapsed(Func):
    """end - start, to order rows by: Django's own subtraction calls a Python function per row on
    SQLite (django_timestamp_diff); julianday() is native there (to the millisecond)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = FloatField()  # only ordered by, never read

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(julianday(%(expressions)s))"
        return super().as_sql(compiler, connection, template=template, arg_joiner=") - julianday(", **extra_context)


def _median_days(qs: QuerySet, start: str, end: str, count: int) -> float | None:
    """Median of (end - start) in days over `qs`, found in the database (one query).

    The rows are ordered by their duration and only the one or two middle rows are fetched,
    so the query count and the data transferred stay the same at any size.
    """
    # The query runs even with no rows, so the page's query count never depends on the data.
    lo, hi = max(count - 1, 0) // 2, count // 2
    ordered = qs.alias(elapsed=_Elapsed(F(end), F(start))).order_by("elapsed")
    middle = list(ordered.values_list(start, end)[lo : hi + 1])
    if not middle:
        return None
    seconds = sum((finished - started).total_seconds() for started, finished in middle) / len(middle)
    return round(seconds / 86400, 1)


def _turnaround_table(course: Course) -> Table:
    """Assignment turnaround: reviewed versions and median days from submission to review (two queries)."""
    table = Table(
        key="turnaround",
        title=_("Assignment turnaround"),
        columns=[_("Reviewed submissions"), _("Waiting for review"), _("Median days from submission to review")],
    )
    # Query 1: reviewed and waiting counts.
    counts = Submission.objects.filter(course=course).aggregate(
        reviewed=Count("id", filter=Q(review__isnull=False)),
        waiting=Count("id", filter=Q(status=Submission.Status.SUBMITTED)),
    )
    # Query 2: the middle row(s) of the ordered turnaround durations.
    reviews = Review.objects.filter(submission__course=course)
    median = _median_days(reviews, "submission__submitted_at", "reviewed_at", counts["reviewed"])
    table.rows = [[counts["reviewed"], counts["waiting"], median if median is not None else "–"]]
    return table


def _followup_tables(course: Course, people: int) -> list[Table]:
    """Plans made, check-in response rate and follow-through (the follow-up area's three queries)."""
    stats = trainer_followup_summary(course=course, people=people)
    figures = Table(
        key="followup",
        title=_("Follow-up"),
        columns=[_("Figure"), _("Value")],
        rows=[
            [_("Participants"), stats.people],
            [_("Commitment plans made"), stats.plans],
            [_("Check-ins due"), stats.checkins_due],
            [_("Check-ins answered"), stats.checkins_answered],
            [_("Check-in response rate (%)"), stats.response_rate if stats.response_rate is not None else "–"],
        ],
    )
    labels = dict(CheckInAnswer.DidIt.choices)
    follow = Table(
        key="followthrough",
        title=_("Follow-through: did they do it?"),
        columns=[
            _("Answer"),
            _("Answers"),
            # xgettext:no-python-format
            _("% of answers"),
        ],
        chart_column=2,
        chart_max=100,
    )
    if stats.answers_total:
        follow.rows = [[labels[k], stats.answers.get(k, 0), stats.share(k)] for k in CheckInAnswer.DidIt.values]
    else:
        follow.note = _("No check-in has been answered yet.")
    return [figures, follow]


def _kind_tables(course: Course, kind: str, key: str, title: str, missing_note: str) -> list[Table]:
    entry = exercise_kind(kind)
    if entry.analytics is None:
        return [Table(key=key, title=title, columns=[], note=missing_note)]
    return [Table(**spec) for spec in entry.analytics(course)]


def _funnel_table(course: Course, enrolled: int) -> Table:
    """Lesson funnel: how many enrolled participants completed each lesson, in course order (one query)."""
    funnel = Table(
        key="funnel",
        title=_("Lesson funnel"),
        columns=[
            _("Lesson"),
            _("Completed by"),
            # xgettext:no-python-format
            _("% of enrolled"),
        ],
        chart_column=2,
        chart_max=100,
    )
    # A correlated COUNT(*) per lesson (covering index on lesson_id) rather than JOIN + GROUP BY,
    # which grouped on every lesson column, bodies included (3x faster at 150,000 progress rows).
    # COUNT(*), not COUNT(id): PostgreSQL can then answer from the lesson_id index alone (an
    # index-only scan: 222 ms -> 28 ms at 150,000 progress rows, once the table is vacuumed).
    # And no GROUP BY in the subquery (_CountRows): SQLite then counts the index range without
    # grouping it (20 -> 8 ms at 150,000 progress rows), and an empty lesson counts 0, not NULL.
    done_per_lesson = LessonProgress.objects.filter(lesson=OuterRef("pk")).order_by().annotate(n=_CountRows())
    lessons = (
        Lesson.objects.filter(course=course)
        .order_by("module__position", "module_id", "position", "id")
        .annotate(done=Subquery(done_per_lesson.values("n")))
        .values_list("title", "done")
    )
    for title, done in lessons:
        funnel.rows.append([title, done, round(100 * done / enrolled, 1) if enrolled else 0])
    return funnel


def _week_starts(first: datetime | None, last: datetime | None) -> list[datetime]:
    """Local Mondays 00:00 (aware, so DST is right) from the week of `first` to the week of `last`."""
    if first is None or last is None:
        return []
    day = timezone.localtime(first).date()
    day -= timedelta(days=day.weekday())
    end = timezone.localtime(last).date()
    starts = []
    while day <= end:
        starts.append(timezone.make_aware(datetime.combine(day, time.min)))
        day += timedelta(days=7)
    return starts


def _week_of(column: Func, starts: list[datetime], lo: int, hi: int) -> Case | Value:
    """The index of the week (starts[lo..hi]) `column` falls in, as CASEs nested like a binary search:
    the first week for rows before starts[lo + 1], the last for rows from starts[hi] on."""
    if lo == hi:
        return Value(lo)
    mid = (lo + hi + 1) // 2  # the first week of the upper half
    return Case(
        When(LessThan(column, starts[mid]), then=_week_of(column, starts, lo, mid - 1)),
        default=_week_of(column, starts, mid, hi),
        output_field=IntegerField(),
    )


def _weekly_table(enrollments: QuerySet, first: datetime | None, last: datetime | None) -> Table:
    """Enrollments per local week, weeks without any left out (one query).

    The week of each row is a CASE over the week boundaries worked out here, not TruncWeek:
    on SQLite TruncWeek calls a Python function per row (60 ms at 5,000 enrollments). The CASE
    halves the weeks at each level (_week_of), so a row takes log2(weeks) comparisons, not up to
    one per week: 7 instead of up to 104 for a course two years old.
    """
    weekly = Table(
        key="enrollments",
        title=_("Enrollments per week"),
        columns=[_("Week starting"), _("Enrollments")],
        chart_column=1,
    )
    starts = _week_starts(first, last)
    week = _week_of(_Plain(F("enrolled_at")), starts, 0, len(starts) - 1) if starts else Value(-1)
    rows = enrollments.annotate(week=week).order_by().values("week").annotate(n=Count("id")).order_by("week")
    for row in rows:
        if row["n"]:  # with no enrollments the constant CASE is not grouped on: one row of 0
            weekly.rows.append([timezone.localtime(starts[row["week"]]).date().isoformat(), row["n"]])
    return weekly


def course_analytics(*, course: Course) -> list[Table]:
    """All analytics tables of a course. Query count is fixed (see tests)."""
    now = timezone.now()
    enrollments = Enrollment.objects.filter(course=course).exclude(status=Enrollment.Status.CANCELLED)
    # Query 1: totals, active in the last 7 days, completed.
    totals = enrollments.aggregate(
        total=Count("id"),
        active=Count("id", filter=GreaterThanOrEqual(_Plain(F("last_activity_at")), now - timedelta(days=7))),
        completed=Count("id", filter=Q(status=Enrollment.Status.COMPLETED)),
        first=Min("enrolled_at"),
        last=Max("enrolled_at"),
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
    weekly = _weekly_table(enrollments, totals["first"], totals["last"])  # query 3
    funnel = _funnel_table(course, totals["total"])  # query 4
    tables = [summary, weekly, funnel]
    # Kind-specific figures: quiz from the registry, turnaround and follow-up from their models.
    tables += _kind_tables(
        course,
        Exercise.Kind.QUIZ,
        "quiz",
        _("Quiz questions by percent correct"),
        _("Quiz figures appear here once quizzes are available on this site."),
    )
    tables.append(_turnaround_table(course))
    tables += _followup_tables(course, totals["total"])
    return tables


def trainer_candidates() -> QuerySet[User]:
    return User.objects.filter(Q(is_trainer=True) | Q(is_staff=True)).order_by("full_name", "email")
