"""Cohort pages: forms with clear errors, flat query counts, and who may see what."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Membership
from courses.cohorts import services as svc
from courses.models import Attendance, Cohort, CohortMembership, Course, Enrollment, LiveSession, ModuleEarlyAccess
from tests.courses.cohorts.conftest import (  # noqa: F401
    AMS,
    make_cohort,
    make_members,
    make_session,
    session_queries,
)
from tests.factories import (
    CourseFactory,
    LessonFactory,
    MembershipFactory,
    ModuleFactory,
    StaffFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db]
TODAY = datetime.date.today()


@pytest.fixture
def world():
    """A cohort course with a course trainer, a cohort trainer, one participant, a module and a session."""
    course = CourseFactory(delivery=Course.Delivery.COHORT, slug="coaching")
    course_trainer, cohort_trainer = TrainerFactory(), TrainerFactory()
    course.trainers.add(course_trainer)
    cohort = make_cohort(
        course=course, starts_on=TODAY - datetime.timedelta(days=7), deadline=TODAY + datetime.timedelta(days=7)
    )
    cohort.trainers.add(cohort_trainer)
    other_cohort = make_cohort(course=course, slug="other", name="Autumn run")
    participant = UserFactory()
    membership = svc.cohort_enroll(user=participant, course=course, cohort=cohort)
    module = ModuleFactory(course=course)
    session = make_session(
        cohort, start=datetime.datetime.combine(TODAY, datetime.time(10), tzinfo=AMS), title="Spring kick-off"
    )
    return {
        "course": course,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "course_trainer": course_trainer,
        "cohort_trainer": cohort_trainer,
        "participant": participant,
        "membership": membership,
        "module": module,
        "session": session,
    }


# --- forms: bad input gets a clear error and changes nothing ----------------------------------------


def _session_post(**over):
    data = {
        "title": "Clinic",
        "description": "",
        "starts_at": (TODAY + datetime.timedelta(days=1)).isoformat() + "T10:00",
        "ends_at": (TODAY + datetime.timedelta(days=1)).isoformat() + "T12:00",
        "location": "Room 4",
        "meeting_url": "",
    }
    data.update(over)
    return data


def test_session_create_page_ending_before_start_form_error(client, world):
    client.force_login(world["course_trainer"])
    url = reverse("courses:session_create", args=[world["cohort"].pk])
    day = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, _session_post(starts_at=f"{day}T12:00", ends_at=f"{day}T10:00"))
    assert response.status_code == 200
    assert "The session must end after it starts." in response.context["form"].errors["ends_at"]
    assert LiveSession.objects.count() == 1


def test_session_create_page_outside_cohort_dates_form_error(client, world):
    client.force_login(world["course_trainer"])
    late = (world["cohort"].ends_on + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("courses:session_create", args=[world["cohort"].pk]),
        _session_post(starts_at=f"{late}T10:00", ends_at=f"{late}T11:00"),
    )
    assert "within the cohort’s dates" in response.context["form"].errors["starts_at"][0]
    assert LiveSession.objects.count() == 1


def test_session_create_page_stores_wall_clock_time_in_cohort_zone(client, world):
    client.force_login(world["cohort_trainer"])
    response = client.post(reverse("courses:session_create", args=[world["cohort"].pk]), _session_post())
    assert response.status_code == 302
    session = LiveSession.objects.get(title="Clinic")
    assert session.starts_at.astimezone(AMS).time() == datetime.time(10, 0)


def test_cohort_edit_page_capacity_below_enrollment_form_error(client, world):
    cohort = world["cohort"]
    make_members(cohort, 3)  # 4 places taken now
    client.force_login(world["course_trainer"])
    data = {
        "name": cohort.name,
        "slug": cohort.slug,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "enrollment_deadline": cohort.enrollment_deadline.isoformat(),
        "capacity": 2,
        "timezone": cohort.timezone,
    }
    response = client.post(reverse("courses:cohort_edit", args=[cohort.pk]), data)
    assert response.status_code == 200
    assert "below the 4 participants" in response.context["form"].errors["capacity"][0]
    assert Cohort.objects.get(pk=cohort.pk).capacity == 12


def test_cohort_create_page_bad_timezone_and_dates_form_errors(client, world):
    client.force_login(world["course_trainer"])
    data = {
        "name": "New",
        "slug": "new",
        "starts_on": "2027-05-10",
        "ends_on": "2027-05-01",
        "enrollment_deadline": "2027-05-01",
        "capacity": 10,
        "timezone": "Nowhere/City",
    }
    response = client.post(reverse("courses:cohort_create", args=["coaching"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert not Cohort.objects.filter(slug="new").exists()


def test_module_release_page_opening_before_cohort_start_form_error(client, world):
    make_cohort(course=world["course"], slug="later", name="Summer run", starts_on=TODAY + datetime.timedelta(days=30))
    client.force_login(world["course_trainer"])
    response = client.post(
        reverse("courses:module_release_edit", args=[world["module"].pk]),
        {"mode": "on_date", "release_date": (TODAY + datetime.timedelta(days=20)).isoformat()},
    )
    assert response.status_code == 200
    assert "before Summer run starts" in response.context["form"].errors["release_date"][0]


def test_cohort_pick_page_enrolls_and_refuses_full(client, world):
    course, other = world["course"], world["other_cohort"]
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("courses:cohort_pick", args=[course.slug]))
    assert other.name in response.content.decode()
    response = client.post(reverse("courses:cohort_pick", args=[course.slug]), {"cohort": other.pk})
    assert response.status_code == 302
    assert CohortMembership.objects.get(enrollment__user=user).cohort == other
    Cohort.objects.filter(pk=other.pk).update(capacity=1)
    latecomer = UserFactory()
    client.force_login(latecomer)
    response = client.post(reverse("courses:cohort_pick", args=[course.slug]), {"cohort": other.pk})
    assert response.status_code == 400
    assert "is full" in response.content.decode()
    assert not Enrollment.objects.filter(user=latecomer).exists()


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_cohort_pick_refuses_a_malformed_or_unknown_cohort(client, world, value):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("courses:cohort_pick", args=[world["course"].slug]), {"cohort": value})
    assert response.status_code == 400
    assert "Choose one of the cohorts below." in response.content.decode()
    assert not Enrollment.objects.filter(user=user).exists()


def test_cohort_list_refuses_a_malformed_page(client, world):
    client.force_login(world["course_trainer"])
    response = client.get(reverse("courses:cohort_list", args=[world["course"].slug]), {"page": "x"})
    assert response.status_code == 400


def test_attendance_page_saves_statuses(client, world):
    client.force_login(world["cohort_trainer"])
    session, participant = world["session"], world["participant"]
    url = reverse("courses:attendance_sheet", args=[session.pk])
    response = client.post(url, {f"status_{participant.pk}": "excused"})
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, user=participant).status == "excused"


def test_attendance_sheet_starts_unmarked(client, world):
    """A fresh sheet has "Not marked" checked for everyone and nobody present (issue 14)."""
    client.force_login(world["cohort_trainer"])
    html = client.get(reverse("courses:attendance_sheet", args=[world["session"].pk])).content.decode()
    name = f"status_{world['participant'].pk}"
    checked = re.findall(rf'<input type="radio" name="{name}" value="(\w+)"[^>]*\bchecked\b', html)
    assert checked == ["unmarked"]
    assert "Not marked" in html


def test_attendance_sheet_can_set_a_mark_back_to_unmarked(client, world):
    """A mistaken "present" can be taken back; unmarked is not shown to the participant as anything."""
    session, participant = world["session"], world["participant"]
    svc.attendance_record(session=session, statuses={participant.pk: "present"}, by=world["cohort_trainer"])
    client.force_login(world["cohort_trainer"])
    url = reverse("courses:attendance_sheet", args=[session.pk])
    assert client.post(url, {f"status_{participant.pk}": "unmarked"}).status_code == 302
    assert Attendance.objects.get(session=session, user=participant).status == "unmarked"
    client.force_login(participant)
    schedule = client.get(reverse("courses:cohort_schedule", args=[world["course"].slug])).content.decode()
    assert "Spring kick-off" in schedule
    assert not any(word in schedule for word in ("Attended", "Excused", "Absent"))


def test_member_move_and_early_access_pages(client, world):
    client.force_login(world["course_trainer"])
    cohort, enrollment = world["cohort"], world["membership"].enrollment
    response = client.post(
        reverse("courses:module_early_access", args=[cohort.pk, enrollment.pk]), {"module": world["module"].pk}
    )
    assert response.status_code == 302
    assert ModuleEarlyAccess.objects.filter(user=world["participant"], module=world["module"]).exists()
    response = client.post(
        reverse("courses:cohort_member_move", args=[cohort.pk, enrollment.pk]), {"to_cohort": world["other_cohort"].pk}
    )
    assert response.status_code == 302
    assert CohortMembership.objects.get(enrollment=enrollment).cohort == world["other_cohort"]


def test_session_edit_page_move_and_cancel_page(client, world, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(world["course_trainer"])
    session = world["session"]
    day = TODAY.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("courses:session_edit", args=[session.pk]),
            _session_post(starts_at=f"{day}T14:00", ends_at=f"{day}T16:00", meeting_url="https://meet.example.com/x"),
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    assert [m.to for m in mail.outbox] == [[world["participant"].email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("courses:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == LiveSession.Status.CANCELLED and session.sequence == 2


# --- query counts ---------------------------------------------------------------------------------


def _schedule_with_sessions(n: int):
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    cohort = make_cohort(course=course, starts_on=TODAY - datetime.timedelta(days=3), days=90)
    user = UserFactory()
    svc.cohort_enroll(user=user, course=course, cohort=cohort, today=TODAY - datetime.timedelta(days=5))
    lesson = LessonFactory(module=ModuleFactory(course=course))
    for i in range(3):
        m = ModuleFactory(course=course)
        svc.module_release_save(module=m, mode="days_after_enrollment", release_days=7 * (i + 1))
    start = datetime.datetime.combine(TODAY - datetime.timedelta(days=2), datetime.time(9), tzinfo=AMS)
    for i in range(n):
        session = make_session(cohort, start=start + datetime.timedelta(days=i * 2), title=f"Session {i}")
        session.preparation.add(lesson)
        Attendance.objects.create(session=session, user=user, status="present")
    svc.calendar_feed_get_or_create(user=user)
    return course, user


@pytest.mark.parametrize("n_sessions", [2, 40])
def test_cohort_schedule_query_count_flat(client, django_assert_num_queries, n_sessions):
    course, user = _schedule_with_sessions(n_sessions)
    client.force_login(user)
    client.get(reverse("courses:cohort_schedule", args=[course.slug]))  # caches the release rules, makes the feed
    # 1-2 login session (database sessions only) and user;
    # 3 course; 4 membership with cohort; 5 sessions with cohort and course;
    # 6 their preparation lessons; 7 the user's attendance; 8-10 calendar feed get_or_create
    # (savepoint, select, release); 11 modules; 12 the user's early access to modules with a release
    # rule (the rules themselves are cached); 13 enrollment with cohort;
    # 14 the user's practice-group seats (none here: no practice rounds are read)
    with django_assert_num_queries(13 + session_queries()):
        response = client.get(reverse("courses:cohort_schedule", args=[course.slug]))
    assert response.status_code == 200
    assert response.content.decode().count("Session ") >= n_sessions
    assert "Opens on" in response.content.decode()


@pytest.mark.parametrize("n_people", [5, 200])
def test_attendance_sheet_query_count_flat(client, django_assert_num_queries, n_people):
    cohort = make_cohort(capacity=250)
    trainer = TrainerFactory()
    cohort.course.trainers.add(trainer)
    users = make_members(cohort, n_people)
    session = make_session(cohort)
    Attendance.objects.bulk_create([Attendance(session=session, user=u, status="present") for u in users[::2]])
    client.force_login(trainer)
    # 1-2 login session (database sessions only) and user;
    # 3 session with cohort and course (access checked in the same query);
    # 4 participants with their users; 5 recorded attendance
    with django_assert_num_queries(4 + session_queries()):
        response = client.get(reverse("courses:attendance_sheet", args=[session.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('value="present"') == n_people


@pytest.mark.parametrize("n", [2, 40])
def test_cohort_detail_query_count_flat(client, django_assert_num_queries, n):
    cohort = make_cohort(capacity=100)
    trainer = TrainerFactory()
    cohort.trainers.add(trainer)
    make_members(cohort, n)
    start = datetime.datetime.combine(cohort.starts_on, datetime.time(9), tzinfo=AMS)
    for i in range(n):
        make_session(cohort, start=start + datetime.timedelta(days=i))
    client.force_login(trainer)
    # 1-2 login session (database sessions only) and user;
    # 3 cohort with course (access); 4 participant count; 5 participants page;
    # 6 sessions; 7 their preparation lessons
    with django_assert_num_queries(6 + session_queries()):
        response = client.get(reverse("courses:cohort_detail", args=[cohort.pk]))
    assert response.status_code == 200


# --- access matrix --------------------------------------------------------------------------------

PARTICIPANT_URLS = ["schedule", "session_ics"]
TRAINER_URLS = [
    "cohort_list",
    "cohort_create",
    "module_release_list",
    "module_release_edit",
    "cohort_detail",
    "cohort_edit",
    "session_create",
    "member_move",
    "early_access",
    "session_edit",
    "session_cancel",
    "attendance",
]


def _url(name: str, w) -> str:
    c, s, e = w["cohort"], w["session"], w["membership"].enrollment
    return {
        "schedule": reverse("courses:cohort_schedule", args=[w["course"].slug]),
        "session_ics": reverse("courses:session_ics", args=[s.pk]),
        "cohort_list": reverse("courses:cohort_list", args=[w["course"].slug]),
        "cohort_create": reverse("courses:cohort_create", args=[w["course"].slug]),
        "module_release_list": reverse("courses:module_release_list", args=[w["course"].slug]),
        "module_release_edit": reverse("courses:module_release_edit", args=[w["module"].pk]),
        "cohort_detail": reverse("courses:cohort_detail", args=[c.pk]),
        "cohort_edit": reverse("courses:cohort_edit", args=[c.pk]),
        "session_create": reverse("courses:session_create", args=[c.pk]),
        "member_move": reverse("courses:cohort_member_move", args=[c.pk, e.pk]),
        "early_access": reverse("courses:module_early_access", args=[c.pk, e.pk]),
        "session_edit": reverse("courses:session_edit", args=[s.pk]),
        "session_cancel": reverse("courses:session_cancel", args=[s.pk]),
        "attendance": reverse("courses:attendance_sheet", args=[s.pk]),
    }[name]


def _outsider(kind: str, w):
    if kind == "other_participant":
        # Enrolled in the same course, but in the other cohort.
        user = UserFactory()
        svc.cohort_enroll(user=user, course=w["course"], cohort=w["other_cohort"])
        return user
    if kind == "other_trainer":
        trainer = TrainerFactory()
        CourseFactory(trainers=[trainer])
        return trainer
    if kind == "other_org_admin":
        return MembershipFactory(role=Membership.Role.ADMIN).user
    return None


OUTSIDERS = ["anonymous", "other_participant", "other_trainer", "other_org_admin"]


@pytest.mark.parametrize("name", PARTICIPANT_URLS + TRAINER_URLS)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_cohort_urls_refuse_outsiders(client, world, name, who):
    user = _outsider(who, world)
    if user is not None:
        client.force_login(user)
    url = _url(name, world)
    if name == "schedule" and who == "other_participant":
        # The schedule URL is per course and shows the viewer's own cohort: never this one's sessions.
        response = client.get(url)
        assert world["other_cohort"].name in response.content.decode()
        assert "Spring kick-off" not in response.content.decode()
        return
    for response in (client.get(url), client.post(url, {})):
        if who == "anonymous":
            # Refused either way: sent to the login page, or the method is not allowed at all.
            assert response.status_code in (302, 405), response.status_code
            if response.status_code == 302:
                assert "/login" in response["Location"]
        else:
            assert response.status_code in (403, 404, 405), response.status_code
    assert LiveSession.objects.get(pk=world["session"].pk).status == LiveSession.Status.SCHEDULED


@pytest.mark.parametrize("name", TRAINER_URLS)
def test_trainer_urls_refuse_the_cohorts_participant(client, world, name):
    client.force_login(world["participant"])
    assert client.get(_url(name, world)).status_code == 404


@pytest.mark.parametrize("name", TRAINER_URLS)
@pytest.mark.parametrize("who", ["course_trainer", "staff"])
def test_trainer_urls_open_to_trainers_and_staff(client, world, name, who):
    client.force_login(world["course_trainer"] if who == "course_trainer" else StaffFactory())
    assert client.get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("name", ["cohort_detail", "cohort_edit", "session_create", "session_edit", "attendance"])
def test_cohort_pages_open_to_the_cohorts_own_trainer(client, world, name):
    client.force_login(world["cohort_trainer"])
    assert client.get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("who", ["participant", "cohort_trainer", "course_trainer"])
def test_session_ics_open_to_participant_and_trainers(client, world, who):
    client.force_login(world[who])
    response = client.get(_url("session_ics", world))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_schedule_open_to_participant_and_redirects_trainer(client, world):
    client.force_login(world["participant"])
    assert client.get(_url("schedule", world)).status_code == 200
    client.force_login(world["course_trainer"])
    assert client.get(_url("schedule", world))["Location"] == _url("cohort_list", world)


def test_schedule_sends_self_paced_participant_to_the_cohort_picker(client, world):
    user = UserFactory()
    Enrollment.objects.create(user=user, course=world["course"])
    client.force_login(user)
    response = client.get(_url("schedule", world))
    assert response["Location"] == reverse("courses:cohort_pick", args=[world["course"].slug])
