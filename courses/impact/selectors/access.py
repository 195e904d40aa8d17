"""Who may see which impact report, and whom a report is about (its Scope).

One page per course (its trainers), per cohort (its trainers) and per seat licence (the
organization's admins: only the organization's own members on that licence). Every view takes
its scope from one of the *_scope_or_404 functions here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Membership, Organization, User
from courses.cohorts.models import Cohort, CohortMembership
from courses.cohorts.selectors import cohort_for_trainer_or_404
from courses.learning.models import Course, Enrollment
from courses.learning.selectors import course_for_trainer_or_404
from courses.organizations.selectors import licence_for_org_or_404, organization_for_admin_or_404


@dataclass
class Scope:
    kind: str  # "course", "cohort" or "licence"
    title: str
    course: Course
    for_organization: bool  # an organization's view: no open answers, nothing per person
    organization: Organization | None = None
    # Each person in the group -> when their course ended (None: not yet): Level 4 compares around it.
    people: dict[int, datetime.date | None] = field(default_factory=dict)
    key: str = ""  # for file names
    cohort: Cohort | None = None  # the cohort page's cohort (its pulse switch)

    @property
    def user_ids(self) -> list[int]:
        return list(self.people)


def _ended(completed_at: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(completed_at) if completed_at else None


def _enrollments(course: Course):
    return Enrollment.objects.filter(course=course).exclude(status=Enrollment.Status.CANCELLED)


def course_scope_or_404(*, user: User, slug: str) -> Scope:
    course = course_for_trainer_or_404(user=user, slug=slug)
    people = {uid: _ended(done) for uid, done in _enrollments(course).values_list("user_id", "completed_at")}
    return Scope("course", course.title, course, False, people=people, key=f"course-{course.slug}")


def cohort_scope_or_404(*, user: User, pk: int) -> Scope:
    cohort = cohort_for_trainer_or_404(user=user, pk=pk)
    rows = CohortMembership.objects.filter(cohort=cohort).exclude(enrollment__status=Enrollment.Status.CANCELLED)
    people = {uid: cohort.ends_on for uid in rows.values_list("enrollment__user_id", flat=True)}
    title = f"{cohort.course.title} · {cohort.name}"
    return Scope("cohort", title, cohort.course, False, people=people, key=f"cohort-{cohort.pk}", cohort=cohort)


def licence_scope_or_404(*, user: User, org_slug: str, pk: int) -> Scope:
    organization = organization_for_admin_or_404(user=user, slug=org_slug)
    licence = licence_for_org_or_404(organization=organization, licence_id=pk)
    members = Membership.objects.filter(organization=organization).values("user_id")
    enrollments = _enrollments(licence.course).filter(user_id__in=members)
    if licence.cohort_id:
        enrollments = enrollments.filter(cohort_membership__cohort_id=licence.cohort_id)
        ends = licence.cohort.ends_on
        people = {uid: ends for uid in enrollments.values_list("user_id", flat=True)}
    else:
        people = {uid: _ended(done) for uid, done in enrollments.values_list("user_id", "completed_at")}
    title = f"{organization.name} · {licence.course.title}"
    return Scope(
        "licence", title, licence.course, True, organization=organization, people=people, key=f"licence-{licence.pk}"
    )


def organization_for_kpi_or_404(*, user: User, org_slug: str) -> Organization:
    return organization_for_admin_or_404(user=user, slug=org_slug)


def course_cohorts(*, course: Course) -> list[Cohort]:
    return list(Cohort.objects.filter(course=course).order_by("-starts_on"))


def is_enrolled(*, user: User, course: Course) -> bool:
    return _enrollments(course).filter(user=user).exists()
