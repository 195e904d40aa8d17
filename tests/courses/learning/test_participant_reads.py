"""The lesson page's written-out reads (courses/learning/participant_reads.py, lms/rawsql.py,
accounts/backends.py) give exactly what the querysets they replace give, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.backends import AuthenticationBackend, ModelBackend
from accounts.models import Membership, User
from courses.learning.participant_reads import completed_ids, live_enrollment
from courses.learning.services import enrollment_create, exercise_mark_complete, lesson_complete
from courses.models import Cohort, CohortMembership, Enrollment, ExerciseCompletion, LessonProgress
from tests.factories import (
    CourseFactory,
    ExerciseFactory,
    LessonFactory,
    MembershipFactory,
    ModuleFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _orm_enrollment(user: User, course) -> Enrollment | None:
    """The queryset `enrollment_for` was before issue 18."""
    return (
        Enrollment.objects.filter(user=user, course=course)
        .exclude(status=Enrollment.Status.CANCELLED)
        .annotate(in_cohort_id=F("cohort_membership__cohort_id"))
        .first()
    )


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


@pytest.fixture
def progress():
    course = CourseFactory()
    module = ModuleFactory(course=course)
    lessons = [LessonFactory(module=module) for _ in range(4)]
    exercises = [ExerciseFactory(module=module) for _ in range(3)]
    user = UserFactory()
    enrollment, _ = enrollment_create(user=user, course=course)
    for lesson in lessons[:3]:
        lesson_complete(user=user, lesson=lesson)
    exercise_mark_complete(user=user, exercise=exercises[1])
    # Someone else's progress in the same course, and the user's in another course, must not count.
    other = UserFactory()
    enrollment_create(user=other, course=course)
    lesson_complete(user=other, lesson=lessons[3])
    elsewhere = LessonFactory(module=ModuleFactory(course=CourseFactory()))
    enrollment_create(user=user, course=elsewhere.course)
    lesson_complete(user=user, lesson=elsewhere)
    return user, course, enrollment, lessons, exercises


def test_enrollment_read_equals_the_queryset_field_for_field(progress):
    user, course, enrollment, _lessons, _exercises = progress
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=timezone.now())
    fast, orm = live_enrollment(user_id=user.pk, course_id=course.pk), _orm_enrollment(user, course)
    assert _fields(fast) == _fields(orm)
    assert fast.enrolled_at.tzinfo is not None  # SQLite's text made aware, as the ORM does
    assert fast.in_cohort_id is None and orm.in_cohort_id is None
    assert fast._state.adding is False and fast._state.db == "default"  # saves as an UPDATE


def test_enrollment_read_brings_the_completed_ids_of_this_user_and_course(progress):
    user, course, _enrollment, lessons, exercises = progress
    fast = live_enrollment(user_id=user.pk, course_id=course.pk)
    expected = (
        set(LessonProgress.objects.filter(user=user, course=course).values_list("lesson_id", flat=True)),
        set(ExerciseCompletion.objects.filter(user=user, course=course).values_list("exercise_id", flat=True)),
    )
    assert fast.completed_ids == expected == ({lesson.pk for lesson in lessons[:3]}, {exercises[1].pk})
    assert completed_ids(user_id=user.pk, course_id=course.pk) == expected


def test_enrollment_read_without_progress_gives_empty_sets():
    user, course = UserFactory(), CourseFactory()
    enrollment_create(user=user, course=course)
    assert live_enrollment(user_id=user.pk, course_id=course.pk).completed_ids == (set(), set())
    assert completed_ids(user_id=user.pk, course_id=course.pk) == (set(), set())


def test_cancelled_or_missing_enrollment_reads_as_none(progress):
    user, course, enrollment, _lessons, _exercises = progress
    assert live_enrollment(user_id=UserFactory().pk, course_id=course.pk) is None
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.CANCELLED)
    assert live_enrollment(user_id=user.pk, course_id=course.pk) is None
    assert _orm_enrollment(user, course) is None


def test_enrollment_read_names_the_cohort(progress):
    user, course, enrollment, _lessons, _exercises = progress
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course,
        name="Spring group",
        slug="spring",
        starts_on=today,
        ends_on=today,
        enrollment_deadline=today,
        capacity=10,
        seats_taken=1,
    )
    CohortMembership.objects.create(enrollment=enrollment, cohort=cohort)
    assert live_enrollment(user_id=user.pk, course_id=course.pk).in_cohort_id == cohort.pk


@pytest.mark.parametrize("backend_class", [ModelBackend, AuthenticationBackend])
def test_backends_read_the_same_user_as_the_orm_with_the_menu_flag(backend_class):
    user = UserFactory(last_login=timezone.now())
    read = backend_class().get_user(user.pk)
    assert _fields(read) == _fields(User.objects.get(pk=user.pk))
    assert read.is_active is True and read.last_login.tzinfo is not None
    assert read.administers_organization is False
    MembershipFactory(user=user, organization=OrganizationFactory(), role=Membership.Role.MEMBER)
    assert backend_class().get_user(user.pk).administers_organization is False
    MembershipFactory(user=user, organization=OrganizationFactory(), role=Membership.Role.ADMIN)
    assert backend_class().get_user(user.pk).administers_organization is True


def test_backends_refuse_inactive_and_unknown_users():
    user = UserFactory(is_active=False)
    assert ModelBackend().get_user(user.pk) is None
    assert ModelBackend().get_user(user.pk + 1000) is None


def test_a_session_of_a_deactivated_user_is_anonymous(client):
    """Through the whole stack: the session's backend reads the user on every request."""
    user = UserFactory()
    client.force_login(user)
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.ModelBackend"
    profile = reverse("accounts:profile")
    assert client.get(profile).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(profile).status_code == 302
