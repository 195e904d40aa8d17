"""The newest mail of the scratch site, read from its mail folder (Django's file backend writes
each batch to one `.log` file, messages separated by a line of 79 dashes)."""

from __future__ import annotations

import email
import email.policy
import html
from email.message import Message
from pathlib import Path

from tools.screenshots.pages import mail_html

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def newest_mail(folder: Path) -> Message | None:
    files = sorted(folder.glob("*.log"), key=lambda p: (p.stat().st_mtime, p.name))
    if not files:
        return None
    chunks = [c for c in files[-1].read_bytes().split(SEPARATOR) if c.strip()]
    return email.message_from_bytes(chunks[-1].lstrip(b"\n"), policy=email.policy.default) if chunks else None


def mail_as_html(message: Message) -> str:
    """The mail's HTML part as a mail client would show it; a text-only mail as preformatted text."""
    body = mail_html(message)
    if body is not None:
        return body
    text = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
            break
    subject = html.escape(str(message.get("Subject", "")))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{subject}</title></head>'
        f'<body><h1>{subject}</h1><pre style="white-space: pre-wrap">{html.escape(text)}</pre></body></html>'
    )
