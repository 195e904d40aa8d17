"""Writes of the storefront: listings, quotes, FAQ entries (staff and the demo seed) and
organizations' requests (visitors, then staff). Keyword-only, atomic, validated."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from courses.cohorts.models import Cohort
from courses.learning.models import Course
from courses.reminders.base import Due
from courses.reminders.services import reminders_deliver
from courses.storefront.models import CourseListing, FaqEntry, OrganizationRequest, Testimonial
from courses.storefront.reminders import OrgRequestKind


@transaction.atomic
def listing_save(*, listing: CourseListing) -> CourseListing:
    listing.full_clean()
    listing.save()
    return listing


@transaction.atomic
def testimonial_save(*, testimonial: Testimonial) -> Testimonial:
    testimonial.full_clean()
    testimonial.save()
    return testimonial


@transaction.atomic
def faq_entry_save(*, entry: FaqEntry) -> FaqEntry:
    entry.full_clean()
    entry.save()
    return entry


def _staff_dues(request: OrganizationRequest) -> list[Due]:
    """One email per active staff member, addressed by email (the row is about the request)."""
    emails = User.objects.filter(is_staff=True, is_active=True).order_by("pk").values_list("email", flat=True)
    return [Due(user_id=None, email=email, object_key=f"orgrequest:{request.pk}", period="once") for email in emails]


@transaction.atomic
def org_request_create(
    *,
    organization: str,
    contact_name: str,
    email: str,
    managers: int,
    phone: str = "",
    course: Course | None = None,
    cohort: Cohort | None = None,
    message: str = "",
) -> OrganizationRequest:
    """Store a request for seats and mail it to every staff member through the outbox (after commit)."""
    if cohort is not None:
        if course is not None and cohort.course_id != course.pk:
            raise ValidationError({"cohort": _("This cohort belongs to another course.")}, code="cohort_course")
        course = cohort.course
    request = OrganizationRequest(
        organization=organization,
        contact_name=contact_name,
        email=email,
        phone=phone,
        managers=managers,
        course=course,
        cohort=cohort,
        message=message,
    )
    request.full_clean()
    request.save()
    reminders_deliver(kind=OrgRequestKind.key, dues=_staff_dues(request))
    return request


@transaction.atomic
def org_request_status_set(*, request: OrganizationRequest, status: str) -> OrganizationRequest:
    request.status = status
    request.full_clean()
    request.save(update_fields=["status"])
    return request
