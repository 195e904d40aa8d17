"""Invitation emails: one task per batch of up to 100 invitations, one SMTP connection per batch."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from lms.email import email_render
from lms.links import absolute_url

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def invitation_send_batch_task(invitation_ids: list[int]) -> int:
    """Send the invitations that are still pending and not yet sent (idempotent: `sent_at` decides)."""
    from courses.organizations.models import Invitation

    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids, status=Invitation.Status.PENDING, sent_at__isnull=True)
        .select_related("organization", "licence__course", "invited_by")
        .order_by("pk")
    )
    if not invitations:
        return 0
    sent = 0
    with get_connection() as connection:
        for invitation in invitations:
            message = email_render(
                template="invitation",
                to=[invitation.email],
                context={
                    "invitation": invitation,
                    "course": invitation.licence.course,
                    "organization": invitation.organization,
                    "accept_url": absolute_url("courses:invitation_accept", token=invitation.token),
                },
            )
            connection.send_messages([message])
            Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=timezone.now())
            sent += 1
    logger.info("Sent %s invitation emails", sent)
    return sent
