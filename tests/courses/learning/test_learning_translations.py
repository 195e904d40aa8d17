"""Content in two languages (issue 15): linking a translation, one card per master class,
the version links, and switching an enrollment between versions without losing work."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from courses.cohorts.services import cohort_enroll, cohort_save
from courses.learning.services import enrollment_create, exercise_mark_complete, lesson_complete
from courses.learning.translations import enrollment_switch_version, link_translation
from courses.models import Cohort, Course, Enrollment, ExerciseCompletion, LessonProgress, SeatLicence
from courses.organizations.selectors import org_course_summary, org_enrollments
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


@pytest.fixture(autouse=True)
def _db_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def build(language: str = "en", *, lessons: int = 2, modules: int = 2, exercises: int = 1, **kwargs) -> Course:
    course = CourseFactory(language=language, **kwargs)
    for _m in range(modules):
        module = ModuleFactory(course=course)
        for _l in range(lessons):
            LessonFactory(module=module)
        for _e in range(exercises):
            ExerciseFactory(module=module)
    return course


def pair(**kwargs) -> tuple[Course, Course]:
    original = build("en", title="Coaching Sales Professionals", **kwargs)
    dutch = build("nl", title="Coachen van salesprofessionals", **kwargs)
    link_translation(original=original, translation=dutch)
    return original, dutch


def test_link_translation_links_by_position():
    original, dutch = pair()
    dutch.refresh_from_db()
    assert dutch.translation_of == original
    o_lessons = list(original.lessons.order_by("module__position", "position"))
    t_lessons = list(dutch.lessons.order_by("module__position", "position"))
    assert [t.original_id for t in t_lessons] == [o.pk for o in o_lessons]
    assert all(t.original_version == o.version for t, o in zip(t_lessons, o_lessons, strict=True))
    o_ex = list(original.exercises.order_by("module__position", "position"))
    t_ex = list(dutch.exercises.order_by("module__position", "position"))
    assert [t.original_id for t in t_ex] == [o.pk for o in o_ex]
    # Linking again changes nothing.
    link_translation(original=original, translation=dutch)
    assert list(dutch.lessons.order_by("pk").values_list("original_id", "original_version")) == [
        (t.original_id, t.original_version) for t in sorted(t_lessons, key=lambda x: x.pk)
    ]


@pytest.mark.parametrize(
    "other",
    [
        {"lessons": 3},
        {"modules": 3},
        {"exercises": 2},
    ],
)
def test_link_translation_refuses_a_different_structure(other):
    original = build("en")
    dutch = build("nl", **other)
    with pytest.raises(ValidationError) as exc:
        link_translation(original=original, translation=dutch)
    assert "same structure" in " ".join(exc.value.messages)
    dutch.refresh_from_db()
    assert dutch.translation_of is None
    assert not dutch.lessons.filter(original__isnull=False).exists()


def test_link_translation_refuses_same_language_and_chains():
    original = build("en")
    with pytest.raises(ValidationError):
        link_translation(original=original, translation=build("en"))
    dutch = build("nl")
    link_translation(original=original, translation=dutch)
    with pytest.raises(ValidationError):
        link_translation(original=dutch, translation=build("en"))
    with pytest.raises(ValidationError):
        link_translation(original=original, translation=build("nl"))  # nl is taken


def _titles(client, url: str, language: str) -> str:
    return client.get(url, headers={"accept-language": language}).content.decode()


@pytest.mark.parametrize("url", ["/courses/", "/"])
def test_catalog_and_home_show_each_master_class_once_in_the_visitors_language(client, url):
    original, dutch = pair()
    html = _titles(client, url, "nl")
    assert dutch.title in html
    assert f'href="{original.get_absolute_url()}"' in html  # "Also in English"
    assert "Also in English" in html
    assert f">{original.title}<" not in html
    html = _titles(client, url, "en")
    assert f">{original.title}<" in html
    assert f">{dutch.title}<" not in html
    assert f'href="{dutch.get_absolute_url()}"' in html  # the Dutch version's link
    assert 'hreflang="nl"' in html


def test_catalog_falls_back_to_the_original_when_the_translation_is_a_draft(client):
    original, dutch = pair()
    Course.objects.filter(pk=dutch.pk).update(status=Course.Status.DRAFT)
    html = _titles(client, "/courses/", "nl")
    assert original.title in html
    assert dutch.get_absolute_url() not in html


def test_catalog_query_count_does_not_grow_with_translations(client, django_assert_num_queries):
    pair()
    client.get("/courses/")
    for _ in range(3):
        pair(lessons=3)
    # 1 session is not read for an anonymous visitor: 1 courses with counts (versions grouped in Python).
    with django_assert_num_queries(1):
        client.get("/courses/", headers={"accept-language": "nl"})


def _enrolled_with_work(course: Course) -> tuple:
    user = UserFactory()
    enrollment, _created = enrollment_create(user=user, course=course)
    first, second = course.lessons.order_by("module__position", "position")[:2]
    lesson_complete(user=user, lesson=first)
    lesson_complete(user=user, lesson=second)
    exercise = course.exercises.order_by("module__position", "position").first()
    exercise_mark_complete(user=user, exercise=exercise)
    return user, enrollment


def test_switching_versions_keeps_completions_and_deletes_nothing(client):
    original, dutch = pair()
    user, enrollment = _enrolled_with_work(original)
    progress_before = set(LessonProgress.objects.values_list("pk", "lesson_id"))
    completions_before = set(ExerciseCompletion.objects.values_list("pk", "exercise_id"))
    client.force_login(user)
    html = client.get(original.get_absolute_url()).content.decode()
    switch_url = reverse("courses:course_switch_version", args=[original.slug, dutch.slug])
    assert switch_url in html
    assert client.get(switch_url).status_code == 200  # the confirmation
    response = client.post(switch_url)
    assert response.status_code == 302 and response["Location"] == dutch.get_absolute_url()
    enrollment.refresh_from_db()
    assert enrollment.course == dutch  # the same row moved
    assert Enrollment.objects.filter(user=user).count() == 1
    # Nothing deleted; the completions are on the Dutch counterparts too.
    assert progress_before <= set(LessonProgress.objects.values_list("pk", "lesson_id"))
    assert completions_before <= set(ExerciseCompletion.objects.values_list("pk", "exercise_id"))
    done = set(LessonProgress.objects.filter(user=user, course=dutch).values_list("lesson__original_id", flat=True))
    assert done == {lesson_id for _pk, lesson_id in progress_before}
    assert ExerciseCompletion.objects.filter(user=user, course=dutch).count() == 1
    html = client.get(dutch.get_absolute_url()).content.decode()
    assert "Continue where you left off" in html
    # ... and back again: the English rows are still there, nothing is doubled.
    enrollment_switch_version(enrollment=enrollment, target=original)
    assert LessonProgress.objects.filter(user=user, course=original).count() == 2
    assert LessonProgress.objects.filter(user=user).count() == 4


def test_the_other_version_links_to_the_one_the_participant_is_enrolled_in(client):
    original, dutch = pair()
    user, _enrollment = _enrolled_with_work(original)
    client.force_login(user)
    html = client.get(dutch.get_absolute_url()).content.decode()
    assert "You are enrolled in the" in html
    assert f'href="{original.get_absolute_url()}"' in html
    assert reverse("courses:course_enroll", args=[dutch.slug]) not in html


def test_enrolling_in_a_second_language_version_is_refused_with_a_pointer_to_the_switch(client):
    original, dutch = pair(status=Course.Status.PUBLISHED)
    user, _enrollment = _enrolled_with_work(original)
    with pytest.raises(ValidationError) as refused:
        enrollment_create(user=user, course=dutch)
    assert refused.value.code == "other_version"
    client.force_login(user)
    response = client.post(reverse("courses:course_enroll", args=[dutch.slug]), follow=True)
    assert response.status_code == 200 and "another language version" in response.content.decode()
    assert Enrollment.objects.filter(user=user).count() == 1


def test_switching_is_refused_to_an_unpublished_or_unrelated_course(client):
    original, dutch = pair()
    user, enrollment = _enrolled_with_work(original)
    stranger = build("nl")
    with pytest.raises(ValidationError):
        enrollment_switch_version(enrollment=enrollment, target=stranger)
    Course.objects.filter(pk=dutch.pk).update(status=Course.Status.DRAFT)
    dutch.refresh_from_db()
    with pytest.raises(ValidationError):
        enrollment_switch_version(enrollment=enrollment, target=dutch)
    client.force_login(user)
    url = reverse("courses:course_switch_version", args=[original.slug, stranger.slug])
    assert client.post(url).status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.course == original


def test_switch_needs_a_login_and_an_enrollment(client):
    original, dutch = pair()
    url = reverse("courses:course_switch_version", args=[original.slug, dutch.slug])
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.post(url).status_code == 302
    assert not Enrollment.objects.exists()


def test_course_and_home_query_counts_do_not_grow_with_versions(client):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    original, dutch = pair()
    user, _enrollment = _enrolled_with_work(original)
    client.force_login(user)
    count(original.get_absolute_url())  # warm the outline cache
    small_course, small_home = count(original.get_absolute_url()), count("/")
    big, _big_nl = pair(lessons=6, modules=4)
    for _ in range(3):
        pair()
    enrollment_create(user=user, course=big)
    count(big.get_absolute_url())
    assert count(big.get_absolute_url()) == small_course
    assert count("/") == small_home


def test_a_participant_who_switched_stays_on_the_organization_dashboard():
    original, dutch = pair()
    organization = OrganizationFactory()
    SeatLicence.objects.create(organization=organization, course=original, seats=5)
    user, enrollment = _enrolled_with_work(original)
    MembershipFactory(user=user, organization=organization, role=Membership.Role.MEMBER)
    assert [e.pk for e in org_enrollments(organization=organization)] == [enrollment.pk]
    enrollment_switch_version(enrollment=enrollment, target=dutch)
    assert [e.pk for e in org_enrollments(organization=organization)] == [enrollment.pk]
    assert sum(row.enrolled for row in org_course_summary(organization=organization)) == 1


def test_an_enrollment_in_a_cohort_is_not_switched(client):
    """A cohort is a dated run of one version (its sessions, drip release and attendance): the
    course page offers no switch and the service refuses, changing nothing."""
    original, dutch = pair()
    start = timezone.localdate() + datetime.timedelta(days=20)
    cohort = cohort_save(
        cohort=Cohort(
            course=original,
            name="Spring",
            slug="spring",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=42),
            enrollment_deadline=start - datetime.timedelta(days=2),
            capacity=5,
        )
    )
    user = UserFactory()
    cohort_enroll(user=user, course=original, cohort=cohort)
    enrollment = Enrollment.objects.get(user=user, course=original)
    client.force_login(user)
    html = client.get(original.get_absolute_url()).content.decode()
    assert reverse("courses:course_switch_version", args=[original.slug, dutch.slug]) not in html
    with pytest.raises(ValidationError):
        enrollment_switch_version(enrollment=enrollment, target=dutch)
    enrollment.refresh_from_db()
    assert enrollment.course == original
