"""Celery tasks for cohorts: the update email sent when a live session moves or is cancelled.

Registered with the worker through CELERY_IMPORTS (lms/settings.py) since it is not `courses.tasks`.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lms.email import email_render

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def session_update_notify_task(session_id: int, sequence: int) -> int:
    """Email every participant of the session's cohort the session's new .ics (REQUEST, or CANCEL).

    Idempotent in the sense that matters: if the session changed again before this ran
    (a higher SEQUENCE), this stale task sends nothing; the newer change has its own task.
    Returns the number of emails sent.
    """
    from courses.calendar import sessions_calendar
    from courses.models import CohortMembership, Enrollment, LiveSession

    session = LiveSession.objects.select_related("cohort__course").filter(pk=session_id).first()
    if session is None or session.sequence != sequence:
        return 0
    cancelled = session.is_cancelled
    recipients = list(
        CohortMembership.objects.filter(cohort_id=session.cohort_id, enrollment__status=Enrollment.Status.ACTIVE)
        .select_related("enrollment__user")
        .order_by("pk")
    )
    tz = session.cohort.tzinfo
    schedule_url = settings.SITE_URL + reverse("courses:cohort_schedule", kwargs={"slug": session.cohort.course.slug})
    sent = 0
    for membership in recipients:
        user = membership.enrollment.user
        ics = sessions_calendar([session], method="CANCEL" if cancelled else "REQUEST", attendee_email=user.email)
        message = email_render(
            template="session_update",
            to=[user.email],
            language=getattr(user, "language", None) or None,
            context={
                "user": user,
                "session": session,
                "cancelled": cancelled,
                "starts_local": timezone.localtime(session.starts_at, tz),
                "ends_local": timezone.localtime(session.ends_at, tz),
                "tz_name": session.cohort.timezone,
                "schedule_url": schedule_url,
            },
        )
        method = "CANCEL" if cancelled else "REQUEST"
        message.attach("session.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        message.send()
        sent += 1
    logger.info("session %s seq %s: %s update emails", session_id, sequence, sent)
    return sent
