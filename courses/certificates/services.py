"""Writes for certificates: issue exactly once per enrollment, render the PDF, revoke."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.certificates.models import Certificate
from courses.certificates.pdf import certificate_pdf_render
from courses.learning.models import Enrollment
from courses.reminders.base import Due
from courses.reminders.services import reminder_enqueue


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> tuple[Certificate, bool]:
    """The certificate of a completed enrollment; created once, whoever asks how often.

    The one-to-one on enrollment is the database's guarantee; get-then-insert inside a
    savepoint turns a concurrent second insert into a read of the first.
    """
    enrollment = Enrollment.objects.select_related("user", "course").get(pk=enrollment.pk)
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing, False
    if enrollment.status != Enrollment.Status.COMPLETED or enrollment.completed_at is None:
        raise ValidationError(_("Only a completed course earns a certificate."), code="not_completed")
    course = enrollment.course
    trainers = ", ".join(t.get_full_name() for t in course.trainers.order_by("full_name"))
    now = timezone.now()
    cert = Certificate(
        enrollment=enrollment,
        issued_at=now,
        expires_at=enrollment.completed_at + relativedelta(months=course.certificate_validity_months)
        if course.certificate_validity_months
        else None,
        participant_name=enrollment.user.get_full_name(),
        course_title=course.title,
        trainer_name=trainers,
        completed_on=timezone.localdate(enrollment.completed_at),
    )
    cert.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            cert.save()
    except IntegrityError:
        return Certificate.objects.get(enrollment=enrollment), False
    return cert, True


@transaction.atomic
def certificate_pdf_store(*, certificate: Certificate) -> Certificate:
    """Render and store the PDF once. A second call with a stored PDF does nothing."""
    cert = (
        Certificate.objects.select_for_update()
        .select_related("enrollment__course", "enrollment__user")
        .get(pk=certificate.pk)
    )
    if cert.pdf:
        return cert
    data = certificate_pdf_render(certificate=cert)
    cert.pdf.save(f"{cert.code}.pdf", ContentFile(data), save=False)
    cert.save(update_fields=["pdf"])
    return cert


def certificate_issue_and_render(*, enrollment_id: int) -> Certificate | None:
    """What the task does: issue, render, then tell the participant (essential email)."""
    enrollment = Enrollment.objects.filter(pk=enrollment_id, status=Enrollment.Status.COMPLETED).first()
    if enrollment is None:
        return None
    cert, _created = certificate_issue(enrollment=enrollment)
    cert = certificate_pdf_store(certificate=cert)
    if cert.revoked_at is None:
        reminder_enqueue(
            kind="certificate_issued",
            due=Due(user_id=enrollment.user_id, object_key=f"certificate:{cert.pk}", period="once"),
        )
    return cert


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by: User | None = None) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")}, code="reason_required")
    cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if cert.revoked_at is not None:
        return cert
    cert.revoked_at = timezone.now()
    cert.revoke_reason = reason[:2000]
    cert.full_clean(validate_unique=False)
    cert.save(update_fields=["revoked_at", "revoke_reason"])
    return cert
