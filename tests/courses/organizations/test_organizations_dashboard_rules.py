"""The dashboard works out its summary, filters, order and pages in Python from one lean list of rows
(issue 18); the CSV export filters and orders in SQL. Both must show the same rows, in the same
order, with the same progress, for every filter and sort, and the summary must count them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organization
from courses.models import Enrollment, ExerciseCompletion, LessonProgress, SeatLicence
from courses.organizations.selectors import FILTERS, SORTS, org_course_summary, org_dashboard_read, org_export_rows
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


def _world() -> Organization:
    org, _admin, licence = make_org(lessons=3)
    course = licence.course
    lessons = list(course.lessons.order_by("pk"))
    exercise = ExerciseFactory(module=lessons[0].module)
    optional = LessonFactory(module=lessons[0].module, required=False)
    bare = CourseFactory(title="A course without required items")
    LessonFactory(module__course=bare, required=False)
    SeatLicence.objects.create(organization=org, course=bare, seats=5)
    now = timezone.now()
    # name, course, lessons done, exercise done, days idle, status
    specs = [
        ("Ann", course, [], False, 0, "active"),
        ("Bob", course, lessons[:1], False, 20, "active"),
        ("bob", course, lessons[:1], False, 1, "active"),
        ("Cat", course, lessons, True, 30, "completed"),
        ("Dan", course, [], True, 2, "active"),
        ("Eve", course, lessons[:2], False, 15, "active"),
        ("Hal", course, [optional], False, 16, "active"),
        ("Ida", course, lessons[:1], False, 3, "cancelled"),
        ("Fay", bare, [], False, 40, "active"),
        ("Gus", bare, [], False, 0, "completed"),
    ]
    for name, enrolled_in, done, exercise_done, idle, status in specs:
        user = UserFactory(full_name=name)
        MembershipFactory(user=user, organization=org)
        EnrollmentFactory(
            user=user,
            course=enrolled_in,
            status=status,
            completed_at=now if status == "completed" else None,
            last_activity_at=now - timedelta(days=idle),
        )
        for lesson in done:
            LessonProgress.objects.create(user=user, lesson=lesson, course=enrolled_in)
        if exercise_done:
            ExerciseCompletion.objects.create(user=user, exercise=exercise, course=enrolled_in)
    EnrollmentFactory(course=course)  # not a member
    return org


def _dashboard(org, *, sort: str, status: str, per_page: int) -> list[tuple[str, str, int]]:
    first = org_dashboard_read(organization=org, sort=sort, status=status, number=1, per_page=per_page)
    shown = []
    for number in first.rows.paginator.page_range:
        page = org_dashboard_read(organization=org, sort=sort, status=status, number=number, per_page=per_page)
        shown += [(e.user.full_name, e.course.title, e.percent) for e in page.rows]
    return shown


@pytest.mark.parametrize("sort", list(SORTS))
def test_dashboard_and_export_show_the_same_rows_in_the_same_order(sort):
    org = _world()
    for status in ("", *FILTERS):
        exported = [(r[0], r[2], r[3]) for r in org_export_rows(organization=org, sort=sort, status=status)]
        assert _dashboard(org, sort=sort, status=status, per_page=3) == exported, (sort, status)


def test_summary_counts_what_each_filter_shows():
    org = _world()
    summary = {s.title: s for s in org_course_summary(organization=org)}
    for status in ("", *FILTERS):
        per_course: dict[str, int] = {}
        for row in org_export_rows(organization=org, sort="name", status=status):
            per_course[row[2]] = per_course.get(row[2], 0) + 1
        assert {title: s.count(status) for title, s in summary.items() if s.count(status)} == per_course, status
    course = next(s for s in summary.values() if s.title != "A course without required items")
    # Ann and Hal (an optional lesson only) have not started; Cat completed; Bob, bob, Dan, Eve are
    # in progress; Bob, Eve and Hal have been idle for more than 14 days; Ida cancelled.
    assert (course.enrolled, course.not_started, course.in_progress, course.completed, course.inactive) == (
        7,
        2,
        4,
        1,
        3,
    )


def test_progress_sort_puts_a_course_without_required_items_first_going_up_and_last_going_down():
    org = _world()
    up = [name for name, _title, _percent in _dashboard(org, sort="progress", status="", per_page=50)]
    down = [name for name, _title, _percent in _dashboard(org, sort="-progress", status="", per_page=50)]
    assert set(up[:2]) == {"Fay", "Gus"} and set(down[-2:]) == {"Fay", "Gus"}
    assert Enrollment.objects.filter(status="cancelled").count() == 1 and "Ida" not in up
