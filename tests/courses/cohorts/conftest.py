"""Builders shared by the cohort tests (no tests here)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import F

from accounts.models import User
from courses.cohorts import services as svc
from courses.models import Cohort, Course, Enrollment, LiveSession
from tests.factories import CourseFactory

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def make_cohort(
    *,
    course: Course | None = None,
    starts_on: datetime.date | None = None,
    days: int = 60,
    capacity: int = 12,
    deadline: datetime.date | None = None,
    tz: str = "Europe/Amsterdam",
    name: str = "Spring run",
    slug: str | None = None,
) -> Cohort:
    course = course or CourseFactory(delivery=Course.Delivery.COHORT)
    starts_on = starts_on or (datetime.date.today() + datetime.timedelta(days=7))
    cohort = Cohort(
        course=course,
        name=name,
        slug=slug or f"run-{Cohort.objects.count() + 1}",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=days),
        enrollment_deadline=deadline or starts_on,
        capacity=capacity,
        timezone=tz,
    )
    return svc.cohort_save(cohort=cohort)


def make_session(
    cohort: Cohort, *, start: datetime.datetime | None = None, hours: int = 2, title: str = "Live session", **kw
) -> LiveSession:
    tz = cohort.tzinfo
    start = start or datetime.datetime.combine(cohort.starts_on, datetime.time(9, 0), tzinfo=tz)
    session = LiveSession(
        cohort=cohort,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        meeting_url=kw.pop("meeting_url", "https://meet.example.com/abc"),
        **kw,
    )
    return svc.session_save(session=session)[0]


def make_members(cohort: Cohort, n: int) -> list[User]:
    """n participants in `cohort`, created in bulk (places taken as cohort_enroll would)."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{start + i}@example.com", full_name=f"Person {start + i:04d}", password="!")
            for i in range(n)
        ]
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
    enrollments = Enrollment.objects.bulk_create([Enrollment(user=u, course=cohort.course) for u in users])
    enrollments = list(Enrollment.objects.filter(course=cohort.course, user__in=users))
    from courses.models import CohortMembership

    CohortMembership.objects.bulk_create([CohortMembership(enrollment=e, cohort=cohort) for e in enrollments])
    Cohort.objects.filter(pk=cohort.pk).update(seats_taken=F("seats_taken") + n)
    cohort.refresh_from_db()
    return users


def session_queries() -> int:
    """Reading the login session costs a query with database sessions, none with cached_db (Redis)."""
    from django.conf import settings

    return 0 if settings.SESSION_ENGINE.endswith("cached_db") or settings.SESSION_ENGINE.endswith("cache") else 1
