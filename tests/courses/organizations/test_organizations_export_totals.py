"""The CSV export reads required items per course once (issue 18): its Progress % still equals the
dashboard's for every row, with two licensed courses of different sizes and an optional lesson."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from courses.models import LessonProgress, SeatLicence
from tests.courses.organizations.conftest import make_org
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_export_progress_matches_dashboard_per_course(client):
    org, admin, licence = make_org(lessons=3)  # course A: 3 required lessons + 1 exercise + 1 optional lesson
    course_a = licence.course
    lessons_a = list(course_a.lessons.order_by("pk"))
    ExerciseFactory(module=lessons_a[0].module)
    optional = LessonFactory(module=lessons_a[0].module, required=False)
    course_b = CourseFactory()  # course B: 1 required lesson
    lesson_b = LessonFactory(module__course=course_b)
    SeatLicence.objects.create(organization=org, course=course_b, seats=5)
    for i, (course, done) in enumerate(
        [(course_a, lessons_a[:1] + [optional]), (course_a, lessons_a), (course_b, [lesson_b])]
    ):
        user = UserFactory(full_name=f"Member {i}")
        MembershipFactory(user=user, organization=org)
        EnrollmentFactory(user=user, course=course)
        for lesson in done:
            LessonProgress.objects.create(user=user, lesson=lesson, course=course)
    client.force_login(admin)
    dashboard = client.get(reverse("courses:org_dashboard", kwargs={"org_slug": org.slug}))
    shown = {(e.user.full_name, e.course.title): e.percent for e in dashboard.context["rows"]}
    body = b"".join(client.get(reverse("courses:org_export", kwargs={"org_slug": org.slug})).streaming_content)
    exported = {(r[0], r[2]): int(r[3]) for r in list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]}
    assert exported == shown
    # 1 of 4 required items (the optional lesson does not count), 3 of 4, 1 of 1.
    assert sorted(exported.values()) == [25, 75, 100]
