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


_RETRY = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(acks_late=True)
def session_update_notify_task(session_id: int, sequence: int) -> int:
    """Fan out one update email per active participant of the session's cohort.

    A stale task (the session changed again: higher SEQUENCE) sends nothing; the newer change
    has its own task. One task per recipient, so an SMTP failure retries that email only.
    Returns the number of emails enqueued.
    """
    from courses.models import CohortMembership, Enrollment, LiveSession

    session = LiveSession.objects.filter(pk=session_id).only("id", "cohort_id", "sequence").first()
    if session is None or session.sequence != sequence:
        return 0
    user_ids = list(
        CohortMembership.objects.filter(cohort_id=session.cohort_id, enrollment__status=Enrollment.Status.ACTIVE)
        .order_by("pk")
        .values_list("enrollment__user_id", flat=True)
    )
    for user_id in user_ids:
        session_update_email_task.delay(session_id, sequence, user_id)
    return len(user_ids)


@shared_task(**_RETRY)
def session_update_email_task(session_id: int, sequence: int, user_id: int) -> bool:
    """One multipart update email with the session's .ics (METHOD:REQUEST, or CANCEL)."""
    from accounts.models import User
    from courses.calendar import sessions_calendar
    from courses.models import LiveSession

    session = LiveSession.objects.select_related("cohort__course").filter(pk=session_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if session is None or user is None or session.sequence != sequence:
        return False
    cancelled = session.is_cancelled
    method = "CANCEL" if cancelled else "REQUEST"
    tz = session.cohort.tzinfo
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
            "schedule_url": settings.SITE_URL
            + reverse("courses:cohort_schedule", kwargs={"slug": session.cohort.course.slug}),
        },
    )
    ics = sessions_calendar([session], method=method, attendee_email=user.email)
    message.attach("session.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    message.send()
    logger.info("session %s seq %s: update email to user %s", session_id, sequence, user_id)
    return True
