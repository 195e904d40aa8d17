"""Demo organization: "Acme Sales" with 20 seats, an admin, 8 members at varied progress,
and 2 pending invitations. Idempotent: it finds before it creates."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from accounts.models import Membership, Organization, User
from accounts.services import membership_ensure, user_create
from courses.learning.models import Course, Enrollment, Exercise, Lesson
from courses.learning.services import enrollment_create, exercise_mark_complete, lesson_complete
from courses.organizations.models import Invitation, SeatLicence

DEMO_PASSWORD = "coach-demo-2026"
ORG_NAME = "Acme Sales"
ORG_SLUG = "acme-sales"
COURSE_SLUG = "coaching-sales-professionals"
ADMIN_EMAIL = "orgadmin@example.com"
SEATS = 20

# (email, name, share of lessons completed, days since last activity)
MEMBERS = [
    ("alex.moreno@acme.example.com", "Alex Moreno", 1.0, 2),
    ("bea.schmidt@acme.example.com", "Bea Schmidt", 0.8, 1),
    ("chris.olsen@acme.example.com", "Chris Olsen", 0.5, 3),
    ("dana.kowalski@acme.example.com", "Dana Kowalski", 0.35, 20),
    ("eli.novak@acme.example.com", "Eli Novak", 0.2, 6),
    ("fatima.haddad@acme.example.com", "Fatima Haddad", 0.1, 30),
    ("gus.lindqvist@acme.example.com", "Gus Lindqvist", 0.0, 0),
    ("hana.sato@acme.example.com", "Hana Sato", 0.0, 18),
]
PENDING = [
    ("ivan.petrov@acme.example.com", "Ivan", "Petrov"),
    ("julia.weber@acme.example.com", "Julia", "Weber"),
]


def _user(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or user_create(email=email, full_name=full_name, password=DEMO_PASSWORD)


def seed_organizations(users: dict[str, User] | None = None) -> dict[str, User]:
    """Returns the demo logins it adds ({"orgadmin": user})."""
    organization, _ = Organization.objects.get_or_create(slug=ORG_SLUG, defaults={"name": ORG_NAME})
    admin = _user(ADMIN_EMAIL, "Olivia Orgadmin")
    membership_ensure(user=admin, organization=organization, role=Membership.Role.ADMIN)
    course = Course.objects.filter(slug=COURSE_SLUG).first()
    if course is None:  # seed_courses has not run: the organization and its admin still exist.
        return {"orgadmin": admin}
    licence, _ = SeatLicence.objects.get_or_create(
        organization=organization,
        course=course,
        defaults={"seats": SEATS, "valid_until": timezone.localdate() + timedelta(days=365)},
    )
    lessons = list(Lesson.objects.filter(course=course).order_by("module__position", "module_id", "position", "id"))
    exercises = list(Exercise.objects.filter(course=course).order_by("pk"))
    now = timezone.now()
    for email, name, share, idle_days in MEMBERS:
        user = _user(email, name)
        membership_ensure(user=user, organization=organization)
        enrollment, created = enrollment_create(user=user, course=course, source=Enrollment.Source.ORGANIZATION)
        if created:
            SeatLicence.objects.filter(pk=licence.pk, seats_used__lt=F("seats")).update(seats_used=F("seats_used") + 1)
            for lesson in lessons[: round(share * len(lessons))]:
                lesson_complete(user=user, lesson=lesson)
            if share >= 1:
                for exercise in exercises:
                    exercise_mark_complete(user=user, exercise=exercise)
            Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=now - timedelta(days=idle_days))
    for email, first, last in PENDING:
        if not Invitation.objects.filter(licence=licence, email=email).exists():
            Invitation.objects.create(
                organization=organization,
                licence=licence,
                email=email,
                first_name=first,
                last_name=last,
                invited_by=admin,
            )
    return {"orgadmin": admin}
