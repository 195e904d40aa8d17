"""Reads for cohorts, live sessions, attendance and calendar feeds; drip release is in `releases`.

Each selector owns its joins so a page's query count does not grow with sessions or participants.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core import signing
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from courses.cohorts.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortMembership,
    LiveSession,
)
from courses.cohorts.selectors.releases import (
    ReleaseState,
    course_modules_with_release,
    early_access_for,
    lesson_is_released,
    module_release_state,
    module_releases_for_course,
    release_opens_at,
)
from courses.cohorts.tokens import calendar_feed_token_dumps, calendar_feed_token_loads
from courses.learning.models import Course, Enrollment, Lesson

__all__ = [
    "ReleaseState",
    "course_modules_with_release",
    "early_access_for",
    "lesson_is_released",
    "module_release_state",
    "module_releases_for_course",
    "release_opens_at",
]

# --- permission: one function per object kind -------------------------------------------------


def user_teaches_cohort(*, user: User, cohort: Cohort) -> bool:
    """Staff, a trainer of the cohort, or a trainer of its course."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Cohort.objects.filter(pk=cohort.pk).filter(Q(trainers=user) | Q(course__trainers=user)).exists()


def cohort_for_trainer_or_404(*, user: User, pk: int) -> Cohort:
    """A cohort the user teaches (its trainers, the course's trainers, staff), or 404."""
    if not user.is_authenticated:
        raise Http404
    qs = Cohort.objects.select_related("course").filter(pk=pk)
    if not user.is_staff:
        qs = qs.filter(Q(trainers=user) | Q(course__trainers=user)).distinct()
    cohort = qs.first()
    if cohort is None:
        raise Http404
    return cohort


def session_for_trainer_or_404(*, user: User, pk: int) -> LiveSession:
    if not user.is_authenticated:
        raise Http404
    qs = LiveSession.objects.select_related("cohort__course").filter(pk=pk)
    if not user.is_staff:
        qs = qs.filter(Q(cohort__trainers=user) | Q(cohort__course__trainers=user)).distinct()
    session = qs.first()
    if session is None:
        raise Http404
    return session


def session_for_viewer_or_404(*, user: User, pk: int) -> LiveSession:
    """A session the user takes part in (active member of its cohort) or teaches, or 404."""
    if not user.is_authenticated:
        raise Http404
    qs = LiveSession.objects.select_related("cohort__course").filter(pk=pk)
    if not user.is_staff:
        qs = qs.filter(
            Q(
                cohort__memberships__enrollment__user=user,
                cohort__memberships__enrollment__status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
            )
            | Q(cohort__trainers=user)
            | Q(cohort__course__trainers=user)
        ).distinct()
    session = qs.first()
    if session is None:
        raise Http404
    return session


def membership_for(*, user: User, course: Course) -> CohortMembership | None:
    """The user's cohort membership in `course` (not cancelled), with cohort selected."""
    if not user.is_authenticated:
        return None
    return (
        CohortMembership.objects.select_related("cohort", "enrollment")
        .filter(enrollment__user=user, enrollment__course=course)
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .first()
    )


def membership_in_cohort_or_404(*, cohort: Cohort, enrollment_pk: int) -> CohortMembership:
    membership = (
        CohortMembership.objects.select_related("enrollment__user", "cohort")
        .filter(cohort=cohort, enrollment_id=enrollment_pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


# --- cohorts and sessions ----------------------------------------------------------------------


def cohorts_open_for_enrollment(*, course: Course, today: datetime.date | None = None) -> QuerySet[Cohort]:
    """Cohorts of `course` with free places whose deadline has not passed, soonest first (one query)."""
    today = today or timezone.localdate()
    return Cohort.objects.filter(course=course, enrollment_deadline__gte=today, seats_taken__lt=F("capacity")).order_by(
        "starts_on", "id"
    )


def cohorts_open_for_courses(*, course_ids: Iterable[int], per_course: int = 3) -> dict[int, list[Cohort]]:
    """The next open cohorts (free places, deadline not passed) of each course, soonest first, at
    most `per_course` each: the storefront's "next cohorts" (one query for any number of courses)."""
    out: dict[int, list[Cohort]] = {}
    for cohort in Cohort.objects.filter(
        course_id__in=list(course_ids), enrollment_deadline__gte=timezone.localdate(), seats_taken__lt=F("capacity")
    ).order_by("starts_on", "id"):
        bucket = out.setdefault(cohort.course_id, [])
        if len(bucket) < per_course:
            bucket.append(cohort)
    return out


def cohorts_for_course(*, course: Course) -> QuerySet[Cohort]:
    """A course's cohorts with their session count (one query)."""
    return (
        Cohort.objects.filter(course=course)
        .annotate(session_count=Count("sessions", filter=Q(sessions__status=LiveSession.Status.SCHEDULED)))
        .order_by("-starts_on", "id")
    )


def _session_qs() -> QuerySet[LiveSession]:
    return LiveSession.objects.select_related("cohort__course").prefetch_related(
        Prefetch("preparation", queryset=Lesson.objects.select_related("course").order_by("position", "id"))
    )


def cohort_sessions(*, cohort: Cohort) -> list[LiveSession]:
    """All sessions of a cohort with their preparation lessons (two queries)."""
    return list(_session_qs().filter(cohort=cohort).order_by("starts_at", "id"))


def sessions_for_user(*, user: User) -> list[LiveSession]:
    """Every session (scheduled or cancelled) of every cohort the user is an active member of (one query)."""
    return list(
        LiveSession.objects.select_related("cohort__course")
        .filter(
            cohort__memberships__enrollment__user=user,
            cohort__memberships__enrollment__status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .order_by("starts_at", "id")
    )


def cohort_participants(*, cohort: Cohort) -> QuerySet[CohortMembership]:
    """Memberships with enrollment and user, by name (one query; a QuerySet so it can be paginated)."""
    return (
        CohortMembership.objects.filter(cohort=cohort)
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .select_related("enrollment__user")
        .order_by("enrollment__user__full_name", "enrollment__user__email", "pk")
    )


def attendance_for_session(*, session: LiveSession) -> dict[int, str]:
    """{user_id: status} recorded for one session (one query)."""
    return dict(Attendance.objects.filter(session=session).values_list("user_id", "status"))


def attendance_for_user(*, user: User, sessions: Iterable[LiveSession]) -> dict[int, str]:
    """{session_id: status} of one user over some sessions (one query)."""
    ids = [s.pk for s in sessions]
    if not ids:
        return {}
    return dict(
        Attendance.objects.filter(user=user, session_id__in=ids)
        .exclude(status=Attendance.Status.UNMARKED)
        .values_list("session_id", "status")
    )


def attendance_counts(enrollment_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """{enrollment_id: (sessions attended, past sessions of their cohort)} in three queries.

    For the organization dashboard. Enrollments without a cohort get (present, 0).
    """
    ids = list(enrollment_ids)
    if not ids:
        return {}
    # 1: who is in which cohort of which course.
    rows = list(
        Enrollment.objects.filter(pk__in=ids).values_list("pk", "user_id", "course_id", "cohort_membership__cohort_id")
    )
    cohort_ids = {r[3] for r in rows if r[3]}
    now = timezone.now()
    # 2: past, not cancelled sessions per cohort.
    past = dict(
        LiveSession.objects.filter(cohort_id__in=cohort_ids, status=LiveSession.Status.SCHEDULED, starts_at__lt=now)
        .values("cohort_id")
        .annotate(n=Count("id"))
        .values_list("cohort_id", "n")
    )
    # 3: sessions attended per (user, course), whichever cohort (a moved participant keeps them).
    present: dict[tuple[int, int], int] = {}
    for user_id, course_id, n in (
        Attendance.objects.filter(
            user_id__in={r[1] for r in rows},
            session__cohort__course_id__in={r[2] for r in rows},
            status=Attendance.Status.PRESENT,
        )
        .values("user_id", "session__cohort__course_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "session__cohort__course_id", "n")
    ):
        present[(user_id, course_id)] = n
    return {pk: (present.get((uid, cid), 0), past.get(coh, 0) if coh else 0) for pk, uid, cid, coh in rows}


def attendance_annotations(*, now: datetime.datetime | None = None) -> dict:
    """The rule of `attendance_counts` as subqueries for an Enrollment queryset.

    `attendance_present` and `attendance_past` per row, so a streamed export stays one query.
    """
    now = now or timezone.now()

    def count_of(qs, group: str):
        return Coalesce(
            Subquery(qs.order_by().values(group).annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()),
            Value(0),
        )

    present = Attendance.objects.filter(
        user_id=OuterRef("user_id"),
        session__cohort__course_id=OuterRef("course_id"),
        status=Attendance.Status.PRESENT,
    )
    past = LiveSession.objects.filter(
        cohort_id=OuterRef("cohort_membership__cohort_id"), status=LiveSession.Status.SCHEDULED, starts_at__lt=now
    )
    return {"attendance_present": count_of(present, "user_id"), "attendance_past": count_of(past, "cohort_id")}


def attendance_requirement_met(enrollment: Enrollment) -> bool:
    """True when the course needs no attendance or the participant was present often enough.

    Only "present" counts; sessions of any cohort of the course count (moves keep them).
    """
    required = Course.objects.filter(pk=enrollment.course_id).values_list("required_attendance", flat=True).first()
    if not required:
        return True
    attended = Attendance.objects.filter(
        user_id=enrollment.user_id, session__cohort__course_id=enrollment.course_id, status=Attendance.Status.PRESENT
    ).count()
    return attended >= required


# --- calendar feed ------------------------------------------------------------------------------


def calendar_feed_token(*, feed: CalendarFeed) -> str:
    """A signed token naming the user and the feed's current secret."""
    return calendar_feed_token_dumps(user_id=feed.user_id, secret=feed.secret)


def calendar_feed_user_or_404(*, token: str) -> User:
    """The owner of a valid, unrevoked feed token, or 404 (tampered or revoked tokens alike)."""
    try:
        user_id, secret = calendar_feed_token_loads(token)
    except signing.BadSignature:
        raise Http404 from None
    feed = CalendarFeed.objects.select_related("user").filter(user_id=user_id, secret=secret).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user
