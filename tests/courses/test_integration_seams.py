"""The seams between areas: cohort licences, org attendance, follow-up permission and links,
cohort course pages, and the trainer's reflections page."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from courses.cohorts.selectors import attendance_counts
from courses.cohorts.services import cohort_enroll
from courses.models import (
    Attendance,
    CohortMembership,
    Course,
    Enrollment,
    Invitation,
    ReflectionResponse,
    SeatLicence,
)
from courses.organizations import services as org_svc
from tests.courses.cohorts.conftest import make_cohort, make_members, make_session
from tests.courses.organizations.conftest import make_invitation, make_org
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    MembershipFactory,
    StaffFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _cohort_licence(*, capacity: int = 12, seats: int = 10, started_days_ago: int | None = None):
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    LessonFactory(module__course=course)
    starts_on = timezone.localdate() - datetime.timedelta(days=started_days_ago) if started_days_ago else None
    cohort = make_cohort(
        course=course,
        capacity=capacity,
        starts_on=starts_on,
        deadline=(timezone.localdate() + datetime.timedelta(days=30)) if started_days_ago else None,
    )
    org, admin, licence = make_org(seats=seats, lessons=0, course=course)
    licence.cohort = cohort
    licence.full_clean()
    licence.save()
    return org, admin, licence, cohort


# --- 1. seat licence tied to a cohort ----------------------------------------------------------


def test_licence_clean_refuses_a_cohort_of_another_course():
    _org, _admin, licence = make_org()
    licence.cohort = make_cohort()  # a cohort of a different course
    with pytest.raises(ValidationError) as exc:
        licence.full_clean()
    assert "cohort" in exc.value.message_dict


def test_invitation_on_cohort_licence_enrolls_into_that_cohort():
    org, _admin, licence, cohort = _cohort_licence()
    make_cohort(course=licence.course, name="Other run")  # earlier/later runs must not be picked
    user = UserFactory(email="invitee@example.com")
    inv = make_invitation(licence, email=user.email)
    enrollment = org_svc.invitation_accept(token=inv.token, user=user)
    assert enrollment.source == Enrollment.Source.ORGANIZATION
    assert CohortMembership.objects.get(enrollment=enrollment).cohort_id == cohort.pk
    cohort.refresh_from_db()
    licence.refresh_from_db()
    assert cohort.seats_taken == 1 and licence.seats_used == 1
    assert Membership.objects.filter(user=user, organization=org).exists()


def test_invitation_on_full_cohort_refuses_cleanly_and_writes_nothing():
    org, _admin, licence, cohort = _cohort_licence(capacity=1)
    make_members(cohort, 1)
    user = UserFactory(email="late@example.com")
    inv = make_invitation(licence, email=user.email)
    with pytest.raises(org_svc.InvitationError) as exc:
        org_svc.invitation_accept(token=inv.token, user=user)
    assert exc.value.code == "cohort_full"
    assert "full" in str(exc.value)
    assert not Enrollment.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user, organization=org).exists()
    licence.refresh_from_db()
    cohort.refresh_from_db()
    inv.refresh_from_db()
    assert licence.seats_used == 0 and cohort.seats_taken == 1 and inv.status == Invitation.Status.PENDING


def test_invitation_accept_page_explains_a_full_cohort(client):
    _org, _admin, licence, cohort = _cohort_licence(capacity=1)
    make_members(cohort, 1)
    user = UserFactory(email="late@example.com")
    inv = make_invitation(licence, email=user.email)
    client.force_login(user)
    response = client.post(reverse("courses:invitation_accept", args=[inv.token]))
    assert response.status_code == 409
    assert f"{cohort.name} is full" in response.content.decode()
    assert not Enrollment.objects.filter(user=user).exists()


def _attendance_world(n: int):
    """An org with a cohort licence, n members in the cohort, 2 past sessions and 1 upcoming."""
    org, admin, licence, cohort = _cohort_licence(capacity=n + 5, seats=n + 5, started_days_ago=14)
    users = make_members(cohort, n)
    Membership.objects.bulk_create([Membership(user=u, organization=org) for u in users])
    today = timezone.localdate()
    past = [make_session(cohort, start=timezone.now() - datetime.timedelta(days=d), title=f"Past {d}") for d in (10, 3)]
    make_session(cohort, start=timezone.now() + datetime.timedelta(days=5), title="Upcoming")
    assert cohort.starts_on <= today
    # Everyone attended the first session; even-numbered members the second too.
    Attendance.objects.bulk_create(
        [Attendance(session=past[0], user=u, status=Attendance.Status.PRESENT) for u in users]
        + [
            Attendance(
                session=past[1], user=u, status=Attendance.Status.PRESENT if i % 2 == 0 else Attendance.Status.ABSENT
            )
            for i, u in enumerate(users)
        ]
    )
    return org, admin, users


def test_org_dashboard_shows_attendance(client):
    org, admin, _users = _attendance_world(3)
    client.force_login(admin)
    response = client.get(reverse("courses:org_dashboard", kwargs={"org_slug": org.slug}) + "?sort=name")
    html = response.content.decode()
    assert "Attendance" in html
    rows = list(response.context["rows"])
    assert [(e.present, e.past_sessions) for e in rows] == [(2, 2), (1, 2), (2, 2)]
    assert "2 / 2" in html and "1 / 2" in html


@pytest.mark.parametrize("n", [5, 200])
def test_org_dashboard_with_cohorts_query_count_is_flat(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    org, admin, _users = _attendance_world(n)
    client.force_login(admin)
    url = reverse("courses:org_dashboard", kwargs={"org_slug": org.slug})
    # 1 session, 2 user, 3 organization with the admin's role, 4 the courses counted, 5 their
    # required items, 6 every row, lean (summary, filter and page worked out from it), 7 the page's
    # rows with their attendance as subqueries (issue 18: were three attendance_counts queries).
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(n, 50)


@pytest.mark.parametrize("n", [5, 200])
def test_org_export_has_attendance_in_one_streamed_query(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    org, admin, users = _attendance_world(n)
    client.force_login(admin)
    url = reverse("courses:org_export", kwargs={"org_slug": org.slug})
    # 1 session, 2 user, 3 organization with the membership role, 4 the courses counted, 5 their
    # required items (issue 18), 6 the rows with attendance subqueries.
    with django_assert_num_queries(6):
        body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][-1] == "Attendance (present / past sessions)"
    assert len(rows) == n + 1
    # The export's subqueries and the dashboard's attendance_counts agree, row by row.
    expected = attendance_counts(Enrollment.objects.filter(user__in=users).values_list("pk", flat=True))
    by_email = {e.user.email: expected[e.pk] for e in Enrollment.objects.filter(user__in=users).select_related("user")}
    for row in rows[1:]:
        present, past = by_email[row[1]]
        assert row[-1] == f"{present} / {past}"


def test_org_export_attendance_dash_without_cohort(client):
    org, admin, licence = make_org()
    member = UserFactory()
    MembershipFactory(user=member, organization=org)
    Enrollment.objects.create(user=member, course=licence.course)
    client.force_login(admin)
    body = b"".join(client.get(reverse("courses:org_export", kwargs={"org_slug": org.slug})).streaming_content).decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][-1] == "—"


def test_admin_seat_licence_form_offers_cohort(client, staff_login):
    _org, _admin, licence, cohort = _cohort_licence()
    staff_login(client, StaffFactory(is_superuser=True))
    html = client.get(reverse("admin:courses_seatlicence_change", args=[licence.pk])).content.decode()
    assert 'name="cohort"' in html and cohort.name in html


# --- 2. follow-up org page uses the organizations permission, and is linked --------------------


def test_org_followup_permission_and_links(client):
    org, admin, _licence = make_org()
    member = UserFactory()
    MembershipFactory(user=member, organization=org)
    url = reverse("courses:org_followup", args=[org.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(MembershipFactory(role=Membership.Role.ADMIN).user)  # another org's admin
    assert client.get(url).status_code == 404
    client.force_login(admin)
    assert client.get(url).status_code == 200
    for name in ("org_overview", "org_dashboard"):
        html = client.get(reverse(f"courses:{name}", kwargs={"org_slug": org.slug})).content.decode()
        assert f'href="{url}"' in html, name


def test_studio_pages_and_review_queue_link_followup_and_reflections(client):
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    client.force_login(trainer)
    followup = reverse("courses:trainer_followup", args=[course.slug])
    reflections = reverse("courses:trainer_reflections", args=[course.slug])
    for name in ("studio_course_edit", "studio_analytics"):
        html = client.get(reverse(f"courses:{name}", args=[course.slug])).content.decode()
        assert f'href="{followup}"' in html and f'href="{reflections}"' in html, name
    html = client.get(reverse("courses:review_queue")).content.decode()
    assert f'href="{reflections}"' in html


# --- 3. cohort course pages ---------------------------------------------------------------------


def test_course_page_for_cohort_course_leads_to_cohort_pick(client):
    cohort = make_cohort()
    course = cohort.course
    LessonFactory(module__course=course)
    user = UserFactory()
    client.force_login(user)
    html = client.get(course.get_absolute_url()).content.decode()
    assert reverse("courses:cohort_pick", args=[course.slug]) in html
    assert reverse("courses:course_enroll", args=[course.slug]) not in html
    # A stale or crafted POST to the self-paced enroll URL goes to the cohort picker, writing nothing.
    response = client.post(reverse("courses:course_enroll", args=[course.slug]))
    assert response.status_code == 302 and response.url == reverse("courses:cohort_pick", args=[course.slug])
    assert not Enrollment.objects.filter(user=user).exists()
    # Enrolled in a cohort: a link to its schedule.
    cohort_enroll(user=user, course=course, cohort=cohort)
    html = client.get(course.get_absolute_url()).content.decode()
    assert reverse("courses:cohort_schedule", args=[course.slug]) in html


def test_course_page_for_both_offers_self_paced_and_cohort(client):
    cohort = make_cohort(course=CourseFactory(delivery=Course.Delivery.BOTH))
    course = cohort.course
    LessonFactory(module__course=course)
    user = UserFactory()
    client.force_login(user)
    html = client.get(course.get_absolute_url()).content.decode()
    assert reverse("courses:course_enroll", args=[course.slug]) in html
    assert reverse("courses:cohort_pick", args=[course.slug]) in html
    client.post(reverse("courses:course_enroll", args=[course.slug]))
    assert Enrollment.objects.filter(user=user, course=course).exists()
    html = client.get(course.get_absolute_url()).content.decode()
    # Self-paced so far: offered to join a cohort, no schedule yet.
    assert reverse("courses:cohort_pick", args=[course.slug]) in html
    assert reverse("courses:cohort_schedule", args=[course.slug]) not in html


def test_self_paced_course_page_has_no_cohort_links(client):
    course = CourseFactory()
    LessonFactory(module__course=course)
    client.force_login(UserFactory())
    html = client.get(course.get_absolute_url()).content.decode()
    assert "/cohorts/" not in html and "/schedule/" not in html


@pytest.mark.parametrize("n", [1, 15])
def test_my_learning_links_cohort_schedules_with_flat_queries(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    user = UserFactory()
    courses = []
    for _ in range(n):
        cohort = make_cohort()
        LessonFactory(module__course=cohort.course)
        cohort_enroll(user=user, course=cohort.course, cohort=cohort)
        courses.append(cohort.course)
    self_paced = CourseFactory()
    LessonFactory(module__course=self_paced)
    Enrollment.objects.create(user=user, course=self_paced)
    client.force_login(user)
    # The same 8 as test_learning_pages.test_dashboard_query_count_flat: 1 session, 2 user,
    # 3 enrollments (with the cohort joined in), 4-7 progress, 8 pending invitations.
    # Cohort links cost no query.
    with django_assert_num_queries(8):
        html = client.get(reverse("courses:dashboard")).content.decode()
    for course in courses:
        assert reverse("courses:cohort_schedule", args=[course.slug]) in html
    assert reverse("courses:cohort_schedule", args=[self_paced.slug]) not in html


# --- 4. trainer reads submitted reflections ----------------------------------------------------


def _reflections(course, n: int, *, exercise=None):
    exercise = exercise or ExerciseFactory(module__course=course, title="What did you notice?")
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"r{i}-{exercise.pk}@example.com", full_name=f"Writer {i:03d}") for i in range(n)]
    )
    ReflectionResponse.objects.bulk_create(
        [
            ReflectionResponse(user=u, exercise=exercise, text=f"Insight {i}", status="submitted", submitted_at=now)
            for i, u in enumerate(users)
        ]
    )
    return exercise, users


def test_trainer_reflections_shows_submitted_never_drafts(client):
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    exercise, users = _reflections(course, 2)
    ReflectionResponse.objects.create(user=UserFactory(), exercise=exercise, text="Secret draft", status="draft")
    client.force_login(trainer)
    html = client.get(reverse("courses:trainer_reflections", args=[course.slug])).content.decode()
    assert "Insight 0" in html and "Insight 1" in html and "What did you notice?" in html
    assert "Secret draft" not in html
    # Filter by exercise: another exercise's reflections disappear.
    other, _ = _reflections(course, 1, exercise=ExerciseFactory(module__course=course, title="Second"))
    filtered = client.get(reverse("courses:trainer_reflections", args=[course.slug]), {"exercise": exercise.pk})
    assert {r.exercise_id for r in filtered.context["page"].object_list} == {exercise.pk}
    unfiltered = client.get(reverse("courses:trainer_reflections", args=[course.slug]))
    assert {r.exercise_id for r in unfiltered.context["page"].object_list} == {exercise.pk, other.pk}
    client.force_login(StaffFactory())
    assert client.get(reverse("courses:trainer_reflections", args=[course.slug])).status_code == 200


def test_trainer_reflections_refuses_everyone_else(client):
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    _exercise, users = _reflections(course, 1)
    url = reverse("courses:trainer_reflections", args=[course.slug])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response.url
    # The participant who wrote it (reads it on the exercise page, not here).
    participant = users[0]
    Enrollment.objects.create(user=participant, course=course)
    org, org_admin, _licence = make_org(course=course, lessons=0)
    MembershipFactory(user=participant, organization=org)
    SeatLicence.objects.filter(organization=org).update(seats_used=1)
    outsiders = {
        "participant": participant,
        "trainer of another course": CourseFactory(trainers=[TrainerFactory()]).trainers.get(),
        "organization admin": org_admin,
    }
    for who, user in outsiders.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 404, who
        assert b"Insight 0" not in response.content, who


@pytest.mark.parametrize("n", [3, 60])
def test_trainer_reflections_query_count_is_flat(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    _reflections(course, n)
    client.force_login(trainer)
    # 1 session, 2 user, 3 course (trainer check), 4 reflection exercises for the filter,
    # 5 paginator count, 6 the page's reflections with user, exercise and module.
    with django_assert_num_queries(6):
        response = client.get(reverse("courses:trainer_reflections", args=[course.slug]))
    assert len(response.context["page"].object_list) == min(n, 25)
