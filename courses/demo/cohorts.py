"""Demo cohorts for `manage.py seed_demo` (runs after the courses are seeded).

- Coaching Sales Professionals (its exchange file says: self-paced or in a cohort): a cohort
  that started two weeks ago, four live sessions (two past with the demo participant's
  attendance, two upcoming), the participant in it.
- Successfully Changing Behavior: drip release by weeks (module n opens n-1 weeks after
  enrolling). The demo participant is not enrolled there (the courses seed decides who is
  enrolled where): enrolling from the course page shows module 1 open and the rest with dates.

Idempotent: the cohort is found by slug, sessions by title, releases by module; dates are
set when a row is first created and kept on later runs.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from courses.cohorts import services as svc
from courses.cohorts.models import Attendance, Cohort, LiveSession, ModuleRelease
from courses.learning.models import Course, Enrollment, Lesson

COACHING = "coaching-sales-professionals"
BEHAVIOR = "successfully-changing-behavior"
COHORT_SLUG = "demo-run"

# (title, days from today, start hour, attendance of the demo participant)
SESSIONS = [
    ("Kick-off: why leading means coaching", -10, 10, "present"),
    ("Practice clinic: the miracle question", -3, 10, "excused"),
    ("Role-play: ownership within the frame", 4, 10, None),
    ("Wrap-up: your coaching commitments", 11, 15, None),
]


def seed_cohorts(users: dict[str, User]) -> None:
    trainer, participant = users.get("trainer"), users.get("participant")
    coaching = Course.objects.filter(slug=COACHING).first()
    if coaching is None:
        print(f"seed_cohorts: course {COACHING!r} missing, no demo cohort.")
    else:
        cohort = _cohort(coaching, trainer)
        if participant is not None:
            svc.cohort_enroll(user=participant, course=coaching, cohort=cohort, source=Enrollment.Source.STAFF)
        _sessions(cohort, trainer, participant)
    behavior = Course.objects.filter(slug=BEHAVIOR).first()
    if behavior is None:
        print(f"seed_cohorts: course {BEHAVIOR!r} missing, no drip release.")
        return
    for n, module in enumerate(behavior.modules.order_by("position", "id"), start=1):
        days = 7 * (n - 1)
        release = ModuleRelease.objects.filter(module=module).first()
        if release is None or (release.mode, release.release_days) != (ModuleRelease.Mode.DAYS_AFTER_ENROLLMENT, days):
            svc.module_release_save(module=module, mode=ModuleRelease.Mode.DAYS_AFTER_ENROLLMENT, release_days=days)


def _cohort(coaching: Course, trainer: User | None) -> Cohort:
    cohort = Cohort.objects.filter(course=coaching, slug=COHORT_SLUG).first()
    if cohort is not None:
        return cohort
    today = timezone.localdate()
    return svc.cohort_save(
        cohort=Cohort(
            course=coaching,
            name="Demo run",
            slug=COHORT_SLUG,
            starts_on=today - datetime.timedelta(days=14),
            ends_on=today + datetime.timedelta(days=42),
            enrollment_deadline=today + datetime.timedelta(days=7),
            capacity=16,
            timezone="Europe/Amsterdam",
        ),
        trainers=[trainer] if trainer else [],
    )


def _sessions(cohort: Cohort, trainer: User | None, participant: User | None) -> None:
    today = timezone.localdate()
    lessons = list(Lesson.objects.filter(course=cohort.course).order_by("module__position", "position", "id"))
    for index, (title, days, hour, status) in enumerate(SESSIONS):
        session = LiveSession.objects.filter(cohort=cohort, title=title).first()
        if session is None:
            day = max(cohort.starts_on, min(cohort.ends_on, today + datetime.timedelta(days=days)))
            start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=cohort.tzinfo)
            session, _moved = svc.session_save(
                session=LiveSession(
                    cohort=cohort,
                    title=title,
                    description="Bring one real coaching conversation from this week.",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(minutes=90),
                    location="Training room 2, Keizersgracht 100, Amsterdam" if index % 2 == 0 else "",
                    meeting_url="" if index % 2 == 0 else "https://meet.example.com/coaching-demo",
                ),
                preparation=lessons[index * 2 : index * 2 + 1],
                notify=False,
            )
        if status and participant is not None and session.starts_at < timezone.now():
            if not Attendance.objects.filter(session=session, user=participant).exists():
                svc.attendance_record(session=session, statuses={participant.pk: status}, by=trainer or participant)
