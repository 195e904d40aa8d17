"""Shared builders for the organization tests (no tests here)."""

from __future__ import annotations

from accounts.models import Membership
from courses.models import Invitation, SeatLicence
from tests.factories import CourseFactory, LessonFactory, MembershipFactory, OrganizationFactory, UserFactory


def make_org(*, seats: int = 10, lessons: int = 2, course=None):
    """An organization with an admin and one licence for a course with `lessons` lessons."""
    organization = OrganizationFactory()
    admin = UserFactory()
    MembershipFactory(user=admin, organization=organization, role=Membership.Role.ADMIN)
    course = course or CourseFactory()
    for _ in range(lessons):
        LessonFactory(module__course=course)
    licence = SeatLicence.objects.create(organization=organization, course=course, seats=seats)
    return organization, admin, licence


def make_invitation(licence: SeatLicence, email: str | None = None, **kwargs) -> Invitation:
    return Invitation.objects.create(
        organization=licence.organization,
        licence=licence,
        email=email or UserFactory.build().email.replace("@", "+inv@"),
        **kwargs,
    )


def csv_bytes(rows: list[str], *, bom: bool = False, sep: str = ",") -> bytes:
    text = "\n".join(line.replace(",", sep) for line in rows) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
