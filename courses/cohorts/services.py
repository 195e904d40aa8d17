"""Writes for cohorts: enrolling into a run, moving between runs, live sessions, attendance,
drip release and calendar feeds."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.cohorts.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortMembership,
    LiveSession,
    ModuleEarlyAccess,
    ModuleRelease,
    _feed_secret,
)
from courses.cohorts.selectors import user_teaches_cohort
from courses.cohorts.tasks import session_update_notify_task
from courses.learning.models import Course, Enrollment, Lesson, Module
from courses.learning.outline import outline_invalidate
from courses.learning.services import course_completion_check, enrollment_create

# Changing any of these moves a session: SEQUENCE goes up and participants get an update email.
MOVE_FIELDS = ("starts_at", "ends_at", "location", "meeting_url")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


# --- cohorts ------------------------------------------------------------------------------------


@transaction.atomic
def cohort_save(*, cohort: Cohort, trainers: Iterable[User] | None = None) -> Cohort:
    """Create or update a cohort. Refuses a capacity below the places already taken and dates
    that would leave existing sessions outside the run."""
    errors: dict[str, list[str]] = {}
    if cohort.starts_on and cohort.ends_on and cohort.ends_on < cohort.starts_on:
        errors.setdefault("ends_on", []).append(_("The cohort must end on or after its start date."))
    if cohort.enrollment_deadline and cohort.ends_on and cohort.enrollment_deadline > cohort.ends_on:
        errors.setdefault("enrollment_deadline", []).append(
            _("The enrollment deadline must not be after the end date.")
        )
    if cohort.pk:
        # Lock the row so a concurrent enrollment cannot slip in between the check and the save.
        current = Cohort.objects.select_for_update().get(pk=cohort.pk)
        cohort.seats_taken = current.seats_taken
        if cohort.capacity is not None and cohort.capacity < current.seats_taken:
            errors.setdefault("capacity", []).append(
                _("Capacity cannot be below the %(n)d participants already enrolled.") % {"n": current.seats_taken}
            )
        if cohort.starts_on and cohort.ends_on and not errors.get("ends_on"):
            outside = [
                s
                for s in LiveSession.objects.filter(cohort=cohort, status=LiveSession.Status.SCHEDULED)
                if not _session_within(s, cohort)
            ]
            if outside:
                errors.setdefault("starts_on", []).append(
                    _("%(n)d session(s) would fall outside these dates, e.g. “%(title)s”. Move them first.")
                    % {"n": len(outside), "title": outside[0].title}
                )
    if errors:
        raise ValidationError(errors)
    cohort.full_clean(exclude=["trainers"])
    cohort.save()
    if trainers is not None:
        cohort.trainers.set(trainers)
    return cohort


def _take_seat(cohort_id: int) -> bool:
    """Take one place with a conditional UPDATE; the CheckConstraint is the last line."""
    try:
        with transaction.atomic():
            return (
                Cohort.objects.filter(pk=cohort_id, seats_taken__lt=F("capacity")).update(
                    seats_taken=F("seats_taken") + 1
                )
                == 1
            )
    except IntegrityError:
        return False


def _free_seat(cohort_id: int) -> None:
    Cohort.objects.filter(pk=cohort_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


@transaction.atomic
def cohort_enroll(
    *,
    user: User,
    course: Course,
    cohort: Cohort | None = None,
    source: str = Enrollment.Source.SELF,
    today: datetime.date | None = None,
) -> CohortMembership:
    """Enroll `user` into `course` and a cohort with a free place before its deadline (or `cohort`).

    The enrollment and the place are one transaction: a full cohort leaves no enrollment behind.
    Enrolling again returns the existing membership without taking a second place.
    """
    today = today or timezone.localdate()
    if cohort is not None and cohort.course_id != course.pk:
        raise ValidationError(_("This cohort belongs to another course."), code="wrong_course")
    if cohort is not None and cohort.enrollment_deadline < today and source != Enrollment.Source.STAFF:
        raise ValidationError(
            _("Enrollment for %(cohort)s closed on %(date)s.")
            % {"cohort": cohort.name, "date": _date(cohort.enrollment_deadline)},
            code="deadline",
        )
    enrollment, _created = enrollment_create(user=user, course=course, source=source)
    existing = CohortMembership.objects.select_related("cohort").filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if cohort is not None:
        candidates = [cohort.pk]
    else:
        candidates = list(
            Cohort.objects.filter(course=course, enrollment_deadline__gte=today, seats_taken__lt=F("capacity"))
            .order_by("starts_on", "id")
            .values_list("pk", flat=True)
        )
    for cohort_id in candidates:
        if _take_seat(cohort_id):
            try:
                with transaction.atomic():
                    return CohortMembership.objects.create(enrollment=enrollment, cohort_id=cohort_id)
            except IntegrityError:
                # The same user enrolled concurrently and won: give the place back.
                _free_seat(cohort_id)
                return CohortMembership.objects.select_related("cohort").get(enrollment=enrollment)
    if cohort is not None:
        raise ValidationError(_("%(cohort)s is full.") % {"cohort": cohort.name}, code="full")
    raise ValidationError(_("Every cohort of this course is full or closed for enrollment."), code="full")


@transaction.atomic
def cohort_move(*, enrollment: Enrollment, to_cohort: Cohort, by: User) -> CohortMembership:
    """Move a participant to another cohort of the same course. Progress rows belong to the user
    and the lesson, so they are untouched; attendance already recorded stays."""
    membership = CohortMembership.objects.select_for_update().filter(enrollment=enrollment).first()
    if membership is None:
        raise ValidationError(_("This participant is not in a cohort."), code="no_cohort")
    if to_cohort.course_id != enrollment.course_id:
        raise ValidationError({"to_cohort": [_("Choose a cohort of the same course.")]})
    if membership.cohort_id == to_cohort.pk:
        raise ValidationError({"to_cohort": [_("The participant is already in this cohort.")]})
    if not (user_teaches_cohort(user=by, cohort=membership.cohort) and user_teaches_cohort(user=by, cohort=to_cohort)):
        raise ValidationError(_("Only a trainer of both cohorts can move a participant."), code="forbidden")
    if not _take_seat(to_cohort.pk):
        raise ValidationError({"to_cohort": [_("%(cohort)s is full.") % {"cohort": to_cohort.name}]})
    _free_seat(membership.cohort_id)
    membership.cohort = to_cohort
    membership.save(update_fields=["cohort"])
    return membership


# --- live sessions ------------------------------------------------------------------------------


def _session_within(session: LiveSession, cohort: Cohort) -> bool:
    tz = cohort.tzinfo
    return (
        session.starts_at.astimezone(tz).date() >= cohort.starts_on
        and session.ends_at.astimezone(tz).date() <= cohort.ends_on
    )


def _session_validate(session: LiveSession) -> None:
    errors: dict[str, list[str]] = {}
    if session.starts_at and session.ends_at:
        if timezone.is_naive(session.starts_at) or timezone.is_naive(session.ends_at):
            raise ValidationError(_("Session times need a time zone."))
        if session.ends_at <= session.starts_at:
            errors.setdefault("ends_at", []).append(_("The session must end after it starts."))
        elif not _session_within(session, session.cohort):
            cohort = session.cohort
            errors.setdefault("starts_at", []).append(
                _("The session must take place within the cohort’s dates (%(start)s – %(end)s).")
                % {"start": _date(cohort.starts_on), "end": _date(cohort.ends_on)}
            )
    if not session.location and not session.meeting_url:
        errors.setdefault("location", []).append(_("Give a location or an online meeting link."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    *, session: LiveSession, preparation: Iterable[Lesson] | None = None, notify: bool = True
) -> tuple[LiveSession, bool]:
    """Create or update a live session. Returns (session, moved).

    Moving (a new time or place) raises SEQUENCE and emails the cohort's participants an
    update with the new .ics after commit. Other edits raise SEQUENCE quietly so feeds refresh.
    """
    _session_validate(session)
    if preparation is not None:
        preparation = list(preparation)
        if any(lesson.course_id != session.cohort.course_id for lesson in preparation):
            raise ValidationError({"preparation": [_("Preparation lessons must belong to this course.")]})
    moved = False
    if session.pk:
        previous = LiveSession.objects.select_for_update().get(pk=session.pk)
        if previous.status == LiveSession.Status.CANCELLED:
            raise ValidationError(_("A cancelled session cannot be changed."), code="cancelled")
        moved = any(getattr(previous, f) != getattr(session, f) for f in MOVE_FIELDS)
        changed = moved or previous.title != session.title or previous.description != session.description
        session.sequence = previous.sequence + (1 if changed else 0)
        session.uid = previous.uid
        session.status = previous.status
        session.updated_at = timezone.now()
    session.full_clean(exclude=["preparation"])
    session.save()
    if preparation is not None:
        session.preparation.set(preparation)
    if moved and notify:
        _session_notify(session)
    return session, moved


@transaction.atomic
def session_cancel(*, session: LiveSession, notify: bool = True) -> LiveSession:
    """Cancel a session: STATUS:CANCELLED, SEQUENCE up, cancellation email. Cancelling twice is a no-op."""
    updated = LiveSession.objects.filter(pk=session.pk, status=LiveSession.Status.SCHEDULED).update(
        status=LiveSession.Status.CANCELLED, sequence=F("sequence") + 1, updated_at=timezone.now()
    )
    session.refresh_from_db()
    if updated and notify:
        _session_notify(session)
    return session


def _session_notify(session: LiveSession) -> None:
    session_update_notify_task.delay_on_commit(session.pk, session.sequence)


# --- attendance ---------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, session: LiveSession, statuses: Mapping[int, str], by: User) -> int:
    """Record attendance for many participants of the session's cohort in two statements at most.

    `statuses` maps user id -> unmarked/present/excused/absent; users outside the cohort are
    refused. "Unmarked" takes back an earlier mark and writes no row for anyone never marked.
    Returns the number of participants now marked present, excused or absent.
    """
    valid = set(Attendance.Status.values)
    members = set(
        CohortMembership.objects.filter(cohort_id=session.cohort_id)
        .exclude(enrollment__status=Enrollment.Status.CANCELLED)
        .values_list("enrollment__user_id", flat=True)
    )
    if set(statuses) - members:
        raise ValidationError(_("Attendance can only be taken for participants of this cohort."))
    if any(status not in valid for status in statuses.values()):
        raise ValidationError(_("Choose not marked, present, excused or absent."))
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."))
    now = timezone.now()
    unmarked = [uid for uid, status in statuses.items() if status == Attendance.Status.UNMARKED]
    if unmarked:
        Attendance.objects.filter(session=session, user_id__in=unmarked).exclude(
            status=Attendance.Status.UNMARKED
        ).update(status=Attendance.Status.UNMARKED, recorded_by=by, recorded_at=now)
    rows = [
        Attendance(session=session, user_id=uid, status=status, recorded_by=by, recorded_at=now)
        for uid, status in statuses.items()
        if status != Attendance.Status.UNMARKED
    ]
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["session", "user"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    _completion_recheck(
        course_id=session.cohort.course_id, user_ids=[u for u, st in statuses.items() if st == "present"]
    )
    return len(rows)


def _completion_recheck(*, course_id: int, user_ids: list[int]) -> None:
    """Attendance can be the last missing piece of a course: re-run the completion check for
    participants just marked present (only when the course requires attendance)."""
    if not user_ids or not Course.objects.filter(pk=course_id, required_attendance__gt=0).exists():
        return
    for enrollment in Enrollment.objects.filter(
        course_id=course_id, user_id__in=user_ids, status=Enrollment.Status.ACTIVE
    ):
        course_completion_check(enrollment=enrollment)


# --- drip release -------------------------------------------------------------------------------


@transaction.atomic
def module_release_save(
    *, module: Module, mode: str, release_date: datetime.date | None = None, release_days: int | None = None
) -> ModuleRelease:
    """Set when a module opens. A fixed date may not fall before the start of a cohort that is
    still running on that date (participants would find it open before their run began)."""
    errors: dict[str, list[str]] = {}
    if mode == ModuleRelease.Mode.ON_DATE:
        if release_date is None:
            errors["release_date"] = [_("Choose the date the module opens.")]
        else:
            early = (
                Cohort.objects.filter(course_id=module.course_id, ends_on__gte=release_date, starts_on__gt=release_date)
                .order_by("starts_on")
                .first()
            )
            if early is not None:
                errors["release_date"] = [
                    _("The module would open on %(date)s, before %(cohort)s starts on %(start)s.")
                    % {"date": _date(release_date), "cohort": early.name, "start": _date(early.starts_on)}
                ]
        release_days = None
    elif mode in (ModuleRelease.Mode.DAYS_AFTER_COHORT_START, ModuleRelease.Mode.DAYS_AFTER_ENROLLMENT):
        if release_days is None:
            errors["release_days"] = [_("Give the number of days.")]
        elif release_days < 0:
            errors["release_days"] = [_("A module cannot open before the cohort starts.")]
        release_date = None
    else:
        release_date = release_days = None
    if errors:
        raise ValidationError(errors)
    release = ModuleRelease.objects.select_for_update().filter(module=module).first() or ModuleRelease(module=module)
    release.mode, release.release_date, release.release_days = mode, release_date, release_days
    release.full_clean(validate_unique=False)
    release.save()
    outline_invalidate(module.course_id)  # retires the cached rules (selectors.releases)
    return release


@transaction.atomic
def module_early_access_grant(*, module: Module, user: User, by: User) -> ModuleEarlyAccess:
    """Open one module early for one participant of the course. Granting twice is a no-op."""
    if not Enrollment.objects.filter(user=user, course_id=module.course_id).exists():
        raise ValidationError(_("This person is not enrolled in the course."))
    access, _created = ModuleEarlyAccess.objects.get_or_create(module=module, user=user, defaults={"granted_by": by})
    return access


# --- calendar feed ------------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> CalendarFeed:
    """Rotate the feed secret: every URL handed out before stops working."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.secret = _feed_secret()
    feed.rotated_at = timezone.now()
    feed.save(update_fields=["secret", "rotated_at"])
    return feed
