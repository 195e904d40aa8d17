"""Rules of cohorts: places, moves, sessions, attendance, drip release and reminder kinds."""

from __future__ import annotations

import datetime
import importlib.util

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.cohorts import selectors as sel
from courses.cohorts import services as svc
from courses.cohorts.reminders import session_period
from courses.learning.services import lesson_complete
from courses.models import (
    Attendance,
    Cohort,
    CohortMembership,
    Course,
    Enrollment,
    LessonProgress,
    LiveSession,
    ModuleRelease,
)
from courses.reminders.base import all_kinds
from tests.courses.cohorts.conftest import AMS, make_cohort, make_session  # noqa: F401
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

pytestmark = [pytest.mark.django_db]
TODAY = datetime.date.today()


# --- enrolling and places -------------------------------------------------------------------------


def test_cohort_enroll_picks_first_cohort_with_free_places():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    full = make_cohort(course=course, capacity=1, starts_on=TODAY + datetime.timedelta(days=3), slug="a")
    later = make_cohort(course=course, capacity=5, starts_on=TODAY + datetime.timedelta(days=30), slug="b")
    svc.cohort_enroll(user=UserFactory(), course=course)
    membership = svc.cohort_enroll(user=UserFactory(), course=course)
    assert membership.cohort == later
    full.refresh_from_db()
    later.refresh_from_db()
    assert (full.seats_taken, later.seats_taken) == (1, 1)


def test_cohort_enroll_full_gives_clear_error_and_leaves_no_enrollment():
    cohort = make_cohort(capacity=1)
    svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    user = UserFactory()
    with pytest.raises(ValidationError, match="is full"):
        svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    assert not Enrollment.objects.filter(user=user).exists()
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1


def test_cohort_enroll_after_deadline_refused():
    cohort = make_cohort(starts_on=TODAY - datetime.timedelta(days=10), deadline=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="closed"):
        svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    with pytest.raises(ValidationError, match="full or closed"):
        svc.cohort_enroll(user=UserFactory(), course=cohort.course)


def test_cohort_enroll_twice_takes_one_place():
    cohort = make_cohort(capacity=3)
    user = UserFactory()
    first = svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    again = svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    assert first.pk == again.pk
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1


def test_cohort_seats_constraint_is_in_the_database():
    from django.db import IntegrityError, transaction

    cohort = make_cohort(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(seats_taken=2)


def test_cohort_move_keeps_progress_and_moves_the_place():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    trainer = TrainerFactory()
    course.trainers.add(trainer)
    a = make_cohort(course=course, slug="a")
    b = make_cohort(course=course, slug="b", capacity=2)
    lesson = LessonFactory(module=ModuleFactory(course=course))
    user = UserFactory()
    membership = svc.cohort_enroll(user=user, course=course, cohort=a)
    lesson_complete(user=user, lesson=lesson)
    svc.cohort_move(enrollment=membership.enrollment, to_cohort=b, by=trainer)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.seats_taken, b.seats_taken) == (0, 1)
    assert CohortMembership.objects.get(enrollment=membership.enrollment).cohort == b
    assert LessonProgress.objects.filter(user=user, lesson=lesson).exists()


def test_cohort_move_refused_for_non_trainer_and_full_target():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    trainer = TrainerFactory()
    course.trainers.add(trainer)
    a = make_cohort(course=course, slug="a")
    b = make_cohort(course=course, slug="b", capacity=1)
    membership = svc.cohort_enroll(user=UserFactory(), course=course, cohort=a)
    with pytest.raises(ValidationError):
        svc.cohort_move(enrollment=membership.enrollment, to_cohort=b, by=UserFactory())
    svc.cohort_enroll(user=UserFactory(), course=course, cohort=b)
    with pytest.raises(ValidationError, match="full"):
        svc.cohort_move(enrollment=membership.enrollment, to_cohort=b, by=trainer)
    assert CohortMembership.objects.get(pk=membership.pk).cohort == a


def test_cohort_save_capacity_below_enrollment_refused():
    cohort = make_cohort(capacity=3)
    for _ in range(2):
        svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    cohort.capacity = 1
    with pytest.raises(ValidationError) as exc:
        svc.cohort_save(cohort=cohort)
    assert "capacity" in exc.value.message_dict
    assert Cohort.objects.get(pk=cohort.pk).capacity == 3


def test_cohort_save_timezone_validated():
    cohort = make_cohort()
    cohort.timezone = "Mars/Olympus"
    with pytest.raises(ValidationError) as exc:
        svc.cohort_save(cohort=cohort)
    assert "timezone" in exc.value.message_dict


# --- sessions -----------------------------------------------------------------------------------


def test_session_ending_before_start_refused():
    cohort = make_cohort()
    start = datetime.datetime.combine(cohort.starts_on, datetime.time(10), tzinfo=AMS)
    session = LiveSession(
        cohort=cohort, title="x", starts_at=start, ends_at=start - datetime.timedelta(hours=1), location="Room 1"
    )
    with pytest.raises(ValidationError) as exc:
        svc.session_save(session=session)
    assert "ends_at" in exc.value.message_dict
    assert not LiveSession.objects.exists()


def test_session_outside_cohort_dates_refused():
    cohort = make_cohort()
    start = datetime.datetime.combine(cohort.ends_on + datetime.timedelta(days=1), datetime.time(10), tzinfo=AMS)
    session = LiveSession(
        cohort=cohort, title="x", starts_at=start, ends_at=start + datetime.timedelta(hours=1), location="Room 1"
    )
    with pytest.raises(ValidationError) as exc:
        svc.session_save(session=session)
    assert "starts_at" in exc.value.message_dict


def test_session_needs_https_link_or_location():
    cohort = make_cohort()
    start = datetime.datetime.combine(cohort.starts_on, datetime.time(10), tzinfo=AMS)
    session = LiveSession(
        cohort=cohort,
        title="x",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        meeting_url="http://x.example",
    )
    with pytest.raises(ValidationError) as exc:
        svc.session_save(session=session)
    assert "meeting_url" in exc.value.message_dict


def test_session_move_raises_sequence_and_emails_ics(django_capture_on_commit_callbacks):
    cohort = make_cohort()
    users = [UserFactory() for _ in range(2)]
    for u in users:
        svc.cohort_enroll(user=u, course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    uid = session.uid
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _s, moved = svc.session_save(session=session)
    assert moved
    session.refresh_from_db()
    assert (session.uid, session.sequence) == (uid, 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    message = mail.outbox[0]
    assert message.alternatives[0].mimetype == "text/html"
    (ics,) = [a for a in message.attachments if a[0].endswith(".ics")]
    body = ics[1].decode() if isinstance(ics[1], bytes) else ics[1]
    assert "SEQUENCE:1" in body and f"UID:{uid}" in body and "METHOD:REQUEST" in body


def test_session_title_edit_raises_sequence_without_email(django_capture_on_commit_callbacks):
    cohort = make_cohort()
    svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    session.title = "Renamed"
    with django_capture_on_commit_callbacks(execute=True):
        _s, moved = svc.session_save(session=session)
    assert not moved
    assert LiveSession.objects.get(pk=session.pk).sequence == 1
    assert mail.outbox == []


def test_session_cancel_marks_cancelled_once(django_capture_on_commit_callbacks):
    cohort = make_cohort()
    svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    with django_capture_on_commit_callbacks(execute=True):
        svc.session_cancel(session=session)
        svc.session_cancel(session=session)
    session.refresh_from_db()
    assert (session.status, session.sequence) == (LiveSession.Status.CANCELLED, 1)
    assert len(mail.outbox) == 1
    assert "Cancelled" in mail.outbox[0].subject


def test_session_update_task_skips_stale_sequence():
    from courses.cohorts.tasks import session_update_notify_task

    cohort = make_cohort()
    svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    assert session_update_notify_task(session.pk, session.sequence + 1) == 0
    assert mail.outbox == []
    assert session_update_notify_task(session.pk, session.sequence) == 1
    assert len(mail.outbox) == 1


def test_session_update_task_run_twice_sends_once():
    """A redelivered update task (acks_late) must not mail anyone twice: the reminder engine's
    unique (user, kind, session, SEQUENCE) row decides."""
    from courses.cohorts.tasks import session_update_notify_task

    cohort = make_cohort()
    svc.cohort_enroll(user=UserFactory(), course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    session_update_notify_task(session.pk, session.sequence)
    session_update_notify_task(session.pk, session.sequence)
    assert len(mail.outbox) == 1
    assert any(a[0] == "session.ics" for a in mail.outbox[0].attachments)


# --- attendance ---------------------------------------------------------------------------------


def test_attendance_record_upserts_and_refuses_outsiders():
    cohort = make_cohort()
    trainer = TrainerFactory()
    u1, u2 = UserFactory(), UserFactory()
    for u in (u1, u2):
        svc.cohort_enroll(user=u, course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    svc.attendance_record(session=session, statuses={u1.pk: "present", u2.pk: "absent"}, by=trainer)
    svc.attendance_record(session=session, statuses={u2.pk: "excused"}, by=trainer)
    assert sel.attendance_for_session(session=session) == {u1.pk: "present", u2.pk: "excused"}
    with pytest.raises(ValidationError):
        svc.attendance_record(session=session, statuses={UserFactory().pk: "present"}, by=trainer)


def test_attendance_requirement_met_counts_present_only():
    course = CourseFactory(delivery=Course.Delivery.COHORT, required_attendance=2)
    cohort = make_cohort(course=course)
    user = UserFactory()
    enrollment = svc.cohort_enroll(user=user, course=course, cohort=cohort).enrollment
    s1 = make_session(cohort)
    s2 = make_session(cohort, start=s1.starts_at + datetime.timedelta(days=1))
    svc.attendance_record(session=s1, statuses={user.pk: "present"}, by=user)
    svc.attendance_record(session=s2, statuses={user.pk: "excused"}, by=user)
    assert not sel.attendance_requirement_met(enrollment)
    svc.attendance_record(session=s2, statuses={user.pk: "present"}, by=user)
    assert sel.attendance_requirement_met(enrollment)


def test_attendance_is_unmarked_until_marked_and_unmarked_never_counts():
    """A new attendance row means "not marked", and only "present" counts toward the requirement."""
    assert Attendance().status == Attendance.Status.UNMARKED
    course = CourseFactory(delivery=Course.Delivery.COHORT, required_attendance=1)
    cohort = make_cohort(course=course)
    user, trainer = UserFactory(), TrainerFactory()
    enrollment = svc.cohort_enroll(user=user, course=course, cohort=cohort).enrollment
    session = make_session(cohort)
    # Unmarked for someone with no row writes nothing.
    assert svc.attendance_record(session=session, statuses={user.pk: "unmarked"}, by=trainer) == 0
    assert not Attendance.objects.exists()
    svc.attendance_record(session=session, statuses={user.pk: "present"}, by=trainer)
    assert sel.attendance_requirement_met(enrollment)
    svc.attendance_record(session=session, statuses={user.pk: "unmarked"}, by=trainer)
    assert Attendance.objects.get().status == "unmarked"
    assert not sel.attendance_requirement_met(enrollment)
    assert sel.attendance_for_user(user=user, sessions=[session]) == {}


def test_attendance_requirement_met_when_none_required():
    course = CourseFactory()
    enrollment = Enrollment.objects.create(user=UserFactory(), course=course)
    assert sel.attendance_requirement_met(enrollment)


def _past_cohort_with_attendance(n_people: int):
    cohort = make_cohort(
        starts_on=TODAY - datetime.timedelta(days=20), deadline=TODAY + datetime.timedelta(days=5), capacity=50
    )
    users = [UserFactory() for _ in range(n_people)]
    enrollments = [svc.cohort_enroll(user=u, course=cohort.course, cohort=cohort).enrollment for u in users]
    past = make_session(cohort)
    make_session(cohort, start=timezone.now() + datetime.timedelta(days=2))
    svc.attendance_record(session=past, statuses={users[0].pk: "present"}, by=users[0])
    return enrollments


@pytest.mark.parametrize("n_people", [2, 30])
def test_attendance_counts_bounded_queries(django_assert_num_queries, n_people):
    enrollments = _past_cohort_with_attendance(n_people)
    # 1 enrollments with cohort, 2 past sessions per cohort, 3 present per (user, course)
    with django_assert_num_queries(3):
        counts = sel.attendance_counts([e.pk for e in enrollments])
    assert counts[enrollments[0].pk] == (1, 1)
    assert counts[enrollments[1].pk] == (0, 1)


# --- drip release -------------------------------------------------------------------------------


def test_module_release_state_rules_and_early_access(django_assert_num_queries):
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    cohort = make_cohort(course=course, starts_on=TODAY - datetime.timedelta(days=3))
    m_open, m_date, m_cohort, m_enrol, m_early = (ModuleFactory(course=course) for _ in range(5))
    svc.module_release_save(module=m_date, mode="on_date", release_date=TODAY + datetime.timedelta(days=10))
    svc.module_release_save(module=m_cohort, mode="days_after_cohort_start", release_days=2)
    svc.module_release_save(module=m_enrol, mode="days_after_enrollment", release_days=7)
    svc.module_release_save(module=m_early, mode="days_after_enrollment", release_days=70)
    user = UserFactory()
    svc.cohort_enroll(user=user, course=course, cohort=cohort, today=TODAY - datetime.timedelta(days=5))
    svc.module_early_access_grant(module=m_early, user=user, by=TrainerFactory())
    modules = [m_open, m_date, m_cohort, m_enrol, m_early]
    with django_assert_num_queries(3):  # the course's rules (then cached), early access, enrollment with cohort
        sel.module_release_state(user, course, modules)
    # 1 which of these modules the user may open early, 2 the enrollment with its cohort
    with django_assert_num_queries(2):
        state = sel.module_release_state(user, course, modules)
    assert state[m_open.pk] == (True, None)
    assert state[m_date.pk].is_open is False
    assert state[m_date.pk].opens_at.date() == TODAY + datetime.timedelta(days=10)
    assert state[m_cohort.pk].is_open is True  # cohort started 3 days ago, opens after 2
    assert state[m_enrol.pk].is_open is False and state[m_enrol.pk].opens_at > timezone.now()
    assert state[m_early.pk] == (True, None)


def test_module_release_state_same_queries_for_many_modules(django_assert_num_queries):
    course = CourseFactory()
    modules = [ModuleFactory(course=course) for _ in range(30)]
    for i, m in enumerate(modules):
        svc.module_release_save(module=m, mode="days_after_enrollment", release_days=i)
    user = UserFactory()
    Enrollment.objects.create(user=user, course=course)
    sel.module_release_state(user, course, modules)  # caches the course's rules
    with django_assert_num_queries(2):
        state = sel.module_release_state(user, course, modules)
    assert [s.is_open for s in state.values()] == [True] + [False] * 29


def test_module_release_state_without_rules_costs_no_query(django_assert_num_queries):
    course = CourseFactory()
    modules = [ModuleFactory(course=course) for _ in range(3)]
    user = UserFactory()
    Enrollment.objects.create(user=user, course=course)
    sel.module_release_state(user, course, modules)  # caches "no rules"
    with django_assert_num_queries(0):
        state = sel.module_release_state(user, course, modules)
    assert all(s == (True, None) for s in state.values())


def test_a_saved_rule_retires_the_cached_rules_at_once():
    """The rules are cached per course; the service's write must be seen by the next read."""
    course = CourseFactory()
    module = ModuleFactory(course=course)
    user = UserFactory()
    Enrollment.objects.create(user=user, course=course)
    assert sel.module_release_state(user, course, [module])[module.pk].is_open is True
    svc.module_release_save(module=module, mode="days_after_enrollment", release_days=7)
    assert sel.module_release_state(user, course, [module])[module.pk].is_open is False
    svc.module_release_save(module=module, mode="always")
    assert sel.module_release_state(user, course, [module])[module.pk].is_open is True


def test_lesson_is_released_follows_module():
    course = CourseFactory()
    module = ModuleFactory(course=course)
    lesson = LessonFactory(module=module)
    svc.module_release_save(module=module, mode="days_after_enrollment", release_days=7)
    user = UserFactory()
    Enrollment.objects.create(user=user, course=course)
    is_open, opens_at = sel.lesson_is_released(user, lesson)
    assert not is_open and opens_at is not None


def test_module_opening_before_cohort_start_refused():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    cohort = make_cohort(course=course, starts_on=TODAY + datetime.timedelta(days=10))
    module = ModuleFactory(course=course)
    with pytest.raises(ValidationError) as exc:
        svc.module_release_save(module=module, mode="on_date", release_date=TODAY + datetime.timedelta(days=5))
    assert "release_date" in exc.value.message_dict
    assert cohort.name in exc.value.message_dict["release_date"][0]
    assert not ModuleRelease.objects.filter(module=module).exists()


# --- reminder kinds -------------------------------------------------------------------------------


def test_reminder_kinds_registered():
    kinds = all_kinds()
    assert kinds["session_update"].__module__ == "courses.cohorts.reminders"
    assert {"session_24h", "session_1h"} <= set(kinds)


def test_session_reminders_find_due_windows_and_move():
    cohort = make_cohort(starts_on=TODAY - datetime.timedelta(days=1), deadline=TODAY + datetime.timedelta(days=3))
    user = UserFactory()
    svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    now = timezone.now().replace(microsecond=0)
    session = make_session(cohort, start=now + datetime.timedelta(hours=20))
    kinds = all_kinds()
    due24 = list(kinds["session_24h"].find_due(now=now))
    assert [(d.user_id, d.object_key) for d in due24] == [(user.pk, f"session:{session.pk}")]
    assert list(kinds["session_1h"].find_due(now=now)) == []
    assert list(kinds["session_1h"].find_due(now=now + datetime.timedelta(hours=19, minutes=30)))
    # Moving the session gives a new period, so the engine sends once more at the new time.
    old_period = due24[0].period
    session.starts_at += datetime.timedelta(hours=2)
    session.ends_at += datetime.timedelta(hours=2)
    svc.session_save(session=session, notify=False)
    new = list(kinds["session_24h"].find_due(now=now))
    assert new[0].period == session_period(session) != old_period
    # Cancelled sessions are never due.
    svc.session_cancel(session=session, notify=False)
    assert list(kinds["session_24h"].find_due(now=now)) == []


def test_session_reminders_find_due_bounded(django_assert_num_queries):
    now = timezone.now()
    for i in range(3):
        cohort = make_cohort(starts_on=TODAY - datetime.timedelta(days=1), slug=f"c{i}")
        for _ in range(3):
            svc.cohort_enroll(
                user=UserFactory(), course=cohort.course, cohort=cohort, today=TODAY - datetime.timedelta(days=2)
            )
        make_session(cohort, start=now + datetime.timedelta(hours=5))
    kind = all_kinds()["session_24h"]
    # 1 sessions in the window, 2 members of their cohorts
    with django_assert_num_queries(2):
        due = list(kind.find_due(now=now))
    assert len(due) == 9


def test_session_reminders_contexts_render():
    from types import SimpleNamespace

    from lms.email import email_render

    cohort = make_cohort()
    user = UserFactory()
    session = make_session(cohort)
    kind = all_kinds()["session_1h"]
    key = f"session:{session.pk}"
    rows = [
        SimpleNamespace(id=1, user=user, object_key=key, period=session_period(session), data={}),
        SimpleNamespace(id=2, user=user, object_key=key, period="20000101T0000Z", data={}),  # before a move
    ]
    ctx = kind.contexts(reminders=rows)
    assert set(ctx) == {1}
    assert ctx[1]["session"] == session and ctx[1]["ics_url"].endswith(f"/sessions/{session.pk}.ics")
    message = email_render(template=kind.template, to=[user.email], context={"user": user, **ctx[1]})
    assert session.title in message.subject and "In one hour" in message.subject


@pytest.mark.skipif(importlib.util.find_spec("courses.reminders.engine") is None, reason="engine not merged yet")
def test_session_reminders_through_engine_once():
    from courses.reminders import engine

    cohort = make_cohort(starts_on=TODAY - datetime.timedelta(days=1), deadline=TODAY + datetime.timedelta(days=3))
    user = UserFactory()
    svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    make_session(cohort, start=timezone.now() + datetime.timedelta(minutes=30))
    for _ in range(2):  # two sweeps: the second finds the row already there and sends nothing new
        result = engine.reminders_sweep(now=timezone.now())
        for batch in result.batches:
            engine.reminders_send_batch(ids=batch)
    assert sum(1 for m in mail.outbox if user.email in m.to and "In one hour" in m.subject) == 1


def test_attendance_record_rechecks_completion_for_present_participants(monkeypatch):
    checked = []
    # Patched where cohorts' services look it up (imported there from courses.learning.services).
    monkeypatch.setattr(svc, "course_completion_check", lambda *, enrollment: checked.append(enrollment.user_id))
    course = CourseFactory(delivery=Course.Delivery.COHORT, required_attendance=1)
    cohort = make_cohort(course=course)
    here, away = UserFactory(), UserFactory()
    for u in (here, away):
        svc.cohort_enroll(user=u, course=course, cohort=cohort)
    session = make_session(cohort)
    svc.attendance_record(session=session, statuses={here.pk: "present", away.pk: "absent"}, by=here)
    assert checked == [here.pk]
