"""Multipart emails rendered from templates, and their JSON form for a Celery task argument.

Every email is `templates/email/<name>_subject.txt`, `<name>.txt` and `<name>.html`. The
site's own emails are rendered by the reminder engine (courses.reminders.engine) when it sends
an outbox row; allauth's account emails are rendered in the request and sent by
`lms.tasks.email_send_task` (see `lms.tasks.email_enqueue`). This module imports no task.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def email_render(
    *,
    template: str,
    to: list[str],
    context: Mapping[str, Any] | None = None,
    language: str | None = None,
    headers: Mapping[str, str] | None = None,
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    """Render `email/<template>` into a message with a text and an HTML part."""
    ctx = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"email/{template}_subject.txt", ctx)
        text = render_to_string(f"email/{template}.txt", ctx)
        html = render_to_string(f"email/{template}.html", ctx)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    return message


def email_to_payload(message: EmailMultiAlternatives) -> dict[str, Any]:
    """A JSON-safe description of a message, for a Celery task argument."""
    alternatives = [{"content": alt.content, "mimetype": alt.mimetype} for alt in getattr(message, "alternatives", [])]
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": alternatives,
    }


def email_from_payload(payload: Mapping[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload.get("cc") or [],
        bcc=payload.get("bcc") or [],
        reply_to=payload.get("reply_to") or [],
        headers=payload.get("headers") or {},
    )
    for alt in payload.get("alternatives", []):
        message.attach_alternative(alt["content"], alt["mimetype"])
    return message
