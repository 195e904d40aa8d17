"""Reads for certificates and email preferences."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404

from accounts.models import User
from courses.certificates.models import Certificate
from courses.learning.models import Enrollment


def certificates_for_user(*, user: User) -> list[Certificate]:
    """The user's certificates, newest first, in one query."""
    if not user.is_authenticated:
        return []
    return list(
        Certificate.objects.filter(enrollment__user=user).select_related("enrollment__course").order_by("-issued_at")
    )


def certificates_by_enrollment(enrollments: Iterable[Enrollment]) -> dict[int, Certificate]:
    """{enrollment_id: certificate} for these enrollments, in one query (none without enrollments)."""
    ids = [e.pk for e in enrollments]
    if not ids:
        return {}
    return {c.enrollment_id: c for c in Certificate.objects.filter(enrollment_id__in=ids)}


def certificate_by_code_or_404(*, code: str) -> Certificate:
    cert = Certificate.objects.select_related("enrollment__course").filter(code=code.strip().upper()).first()
    if cert is None:
        raise Http404("unknown certificate code")
    return cert


def certificate_for_download_or_404(*, user: User, pk: int) -> Certificate:
    """The owner's (or, for staff, any) certificate with a PDF; 404 for anyone else's."""
    qs = Certificate.objects.select_related("enrollment").exclude(pdf="")
    if not user.is_staff:
        qs = qs.filter(enrollment__user=user)
    cert = qs.filter(pk=pk).first()
    if cert is None:
        raise Http404("no such certificate")
    return cert


def certificate_for_course_page(user: User, course, enrollment) -> dict:
    """The course page's certificate (learning asks through its hooks): for a completed enrollment
    only, so other visitors cost no query."""
    if enrollment is None or enrollment.status != "completed":
        return {}
    return {"certificate": Certificate.objects.filter(enrollment=enrollment).first()}
