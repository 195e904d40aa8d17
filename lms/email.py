"""Multipart emails rendered from templates, and their JSON form for a Celery task argument.

Every email is `templates/email/<name>_subject.txt`, `<name>.txt` and `<name>.html`, on one
layout (`email/base.html` and `email/base.txt`: site mark, greeting, call to action, a footer
saying why the recipient got it). The site's own emails are rendered by the reminder engine
(courses.reminders.engine) when it sends an outbox row; allauth's account emails are rendered in
the request and sent by `lms.tasks.email_send_task` (see `lms.tasks.email_enqueue`). This module
imports no task.

Two things every message built here gets right:
- the subject and the text part are rendered with autoescaping off: a name like O'Brien reads
  "O'Brien" in a text part, never "O&#x27;Brien" (the HTML part is escaped as usual);
- `List-Unsubscribe` and friends stay plain `<URL>` in the raw message (see `SiteEmail`).
"""

from __future__ import annotations

import email.policy
import functools
import re
from collections.abc import Mapping
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation

from lms.links import absolute_url
from lms.templatetags.email_tags import first_word

# RFC 5322's hard limit for a line; List-Unsubscribe URLs stay well below it.
MAX_HEADER_LINE = 998


class _VerbatimHeader(UnstructuredHeader):
    """A header written exactly as given, never folded into RFC 2047 encoded words.

    Python's email policy folds any header line longer than 78 characters; a long `<URL>` has no
    space to fold at, so the folder falls back to `=?utf-8?q?=3Chttp…?=`, which mail clients
    cannot use for one-click unsubscribe (RFC 2369/8058 want the plain `<URL>`). Lines up to
    RFC 5322's 998-character limit are legal, so ASCII values are written as they are; anything
    else (non-ASCII, absurdly long) falls back to the standard folding.
    """

    def fold(self, *, policy) -> str:
        value = str(self)
        if value.isascii() and len(self.name) + 2 + len(value) <= MAX_HEADER_LINE:
            return f"{self.name}: {value}{policy.linesep}"
        return super().fold(policy=policy)


# Headers whose value is the same in most messages (the sender, the parts' content types, a
# kind's List-Id): parsing one is most of the cost of building a message, so it is done once.
SHARED_HEADERS = frozenset(
    {
        "auto-submitted",
        "content-transfer-encoding",
        "content-type",
        "from",
        "list-id",
        "list-unsubscribe-post",
        "mime-version",
        "reply-to",
    }
)
SHARED_HEADERS_MAX = 512


class SiteHeaderRegistry(HeaderRegistry):
    """The standard header classes, with one parsed header object per recurring (name, value).

    Parsed headers are immutable values (changing one, e.g. a boundary, stores a new object), so
    messages can share them. Only SHARED_HEADERS are kept, never a multipart boundary (unique per
    message), and at most SHARED_HEADERS_MAX of them: per-recipient headers are parsed as usual.
    """

    def __init__(self) -> None:
        super().__init__()
        self.shared: dict[tuple[str, str], object] = {}

    def __call__(self, name, value):
        if name.lower() not in SHARED_HEADERS or not isinstance(value, str) or "boundary=" in value:
            return super().__call__(name, value)
        header = self.shared.get((name, value))
        if header is None:
            header = super().__call__(name, value)
            if len(self.shared) < SHARED_HEADERS_MAX:
                self.shared[(name, value)] = header
        return header


HEADERS = SiteHeaderRegistry()
for _name in ("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "Auto-Submitted"):
    HEADERS.map_to_type(_name, _VerbatimHeader)


@functools.lru_cache(maxsize=8)
def site_policy(policy: email.policy.EmailPolicy) -> email.policy.EmailPolicy:
    """`policy` with the site's headers (one clone per policy, not one per message)."""
    return policy.clone(header_factory=HEADERS)


class SiteEmail(EmailMultiAlternatives):
    """EmailMultiAlternatives whose List-* headers survive every mailer (SMTP, file, console)."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=site_policy(policy))


def site_host() -> str:
    """The host name of SITE_URL (for Message-IDs and List-Ids)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def email_site() -> SimpleNamespace:
    """This site as allauth's templates expect `current_site`: a name and a domain (SITE_URL's host)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc or "localhost")


def greeting_name(user: Any) -> str:
    """The first name to greet a user by, or "" (the layout then says "Hi there,")."""
    return first_word(getattr(user, "full_name", ""))


def email_context(context: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What every email template may use, under the caller's context."""
    ctx = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **(context or {})}
    if "preferences_url" not in ctx:  # the reminder engine passes it, worked out once per batch
        ctx["preferences_url"] = absolute_url("courses:email_preferences")
    ctx.setdefault("recipient_name", greeting_name(ctx.get("user")))
    return ctx


def render_text(template_name: str, context: Mapping[str, Any]) -> str:
    """A subject or text part: the template rendered with autoescaping off (no `&#x27;`)."""
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(dict(context), autoescape=False))


def tidy_text(text: str) -> str:
    """A text part without the blank-line runs and trailing spaces that template blocks leave."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def email_render(
    *,
    template: str,
    to: list[str],
    context: Mapping[str, Any] | None = None,
    language: str | None = None,
    headers: Mapping[str, str] | None = None,
    from_email: str | None = None,
) -> SiteEmail:
    """Render `email/<template>` into a message with a text and an HTML part."""
    ctx = email_context(context)
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx["LANGUAGE_CODE"] = translation.get_language()
        subject = render_text(f"email/{template}_subject.txt", ctx)
        text = render_text(f"email/{template}.txt", ctx)
        html = render_to_string(f"email/{template}.html", ctx)
    message = SiteEmail(
        subject=" ".join(subject.split()),
        body=tidy_text(text),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
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


def email_from_payload(payload: Mapping[str, Any]) -> SiteEmail:
    message = SiteEmail(
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
