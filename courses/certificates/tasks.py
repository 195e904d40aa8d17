"""Celery task that issues a certificate. Thin and idempotent: the database decides."""

from __future__ import annotations

from celery import shared_task

from courses.certificates.services import certificate_issue_and_render


@shared_task(
    name="courses.certificate_issue_task",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
    ignore_result=True,
)
def certificate_issue_task(enrollment_id: int) -> int | None:
    cert = certificate_issue_and_render(enrollment_id=enrollment_id)
    return cert.pk if cert else None


def certificate_issue_after_commit(enrollment) -> None:
    """Learning's course-completed hook: issue the certificate once the completion commits."""
    certificate_issue_task.delay_on_commit(enrollment.id)
