"""The demo organization: Acme Sales, 20 seats, an admin, 8 members at varied progress, 2 pending invitations."""

from __future__ import annotations

import pytest

from accounts.models import Membership, Organization
from courses.demo.organizations import seed_organizations
from courses.models import Enrollment, Invitation, LessonProgress, SeatLicence
from tests.factories import CourseFactory, LessonFactory

pytestmark = pytest.mark.django_db


def _course():
    course = CourseFactory(slug="coaching-sales-professionals", title="Coaching Sales Professionals")
    for _ in range(10):
        LessonFactory(module__course=course)
    return course


def test_seed_organizations_builds_acme_and_is_idempotent():
    course = _course()
    for _ in range(2):
        users = seed_organizations({})
    org = Organization.objects.get(name="Acme Sales")
    assert users["orgadmin"].email == "orgadmin@example.com"
    assert users["orgadmin"].check_password("coach-demo-2026")
    assert Membership.objects.get(user=users["orgadmin"], organization=org).role == "admin"
    licence = SeatLicence.objects.get(organization=org, course=course)
    assert licence.seats == 20 and licence.seats_used == 8
    assert Enrollment.objects.filter(course=course, source="organization").count() == 8
    assert Invitation.objects.filter(licence=licence, status="pending").count() == 2
    started = LessonProgress.objects.filter(course=course).values("user_id").distinct().count()
    assert started == 6  # six of eight members have started; two have not
    assert Membership.objects.filter(organization=org).count() == 9


def test_seed_organizations_without_course_keeps_org_and_admin():
    users = seed_organizations({})
    assert Organization.objects.filter(slug="acme-sales").exists()
    assert users["orgadmin"].memberships.get().role == "admin"
    assert not SeatLicence.objects.exists()
