"""Celery task that issues a certificate. Thin and idempotent: the database decides."""

from __future__ import annotations

from courses.certificates.services import certificate_issue_and_render
from courses.learning.models import Enrollment
from lms.celery import task


@task(name="courses.certificate_issue_task")
def certificate_issue_task(enrollment_id: int) -> int | None:
    cert = certificate_issue_and_render(enrollment_id=enrollment_id)
    return cert.pk if cert else None


def certificate_issue_after_commit(enrollment: Enrollment) -> None:
    """Learning's course-completed hook: issue the certificate once the completion commits."""
    certificate_issue_task.delay_on_commit(enrollment.id)
