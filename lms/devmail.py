"""The development outbox: `/dev/mail/` lists and shows the mail the file mailer wrote to
EMAIL_FILE_DIR (var/mail/), so a newcomer can click the verification link of a signup.

Routed only when DEBUG is on (lms/urls.py); in production the URLs do not exist at all.

Django's file mailer appends each message to `<timestamp>-<n>.log`, followed by a line of 79
dashes, so one file can hold several messages. A message's id is `<file stem>-<index>`; ids are
checked against a strict pattern and the file must sit directly in EMAIL_FILE_DIR, so no id can
reach another file (`<slug:>` already refuses "/" and ".").

The HTML part is served on its own URL with a CSP that allows no script, no network fetch
except images, and sandboxes the document; the page frames it in an `<iframe sandbox>`. The
text part is shown decoded (quoted-printable undone, so a long link is whole) with its links
made clickable.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from lms.params import page_number

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
STEM = re.compile(r"[A-Za-z0-9_-]{1,120}")
MAIL_ID = re.compile(r"(?P<stem>[A-Za-z0-9_-]{1,120})-(?P<index>[0-9]{1,5})")
PER_PAGE = 25
HTML_PART_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:", "http:", "https:"],
    "font-src": ["data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "sandbox": ["allow-popups", "allow-popups-to-escape-sandbox"],
}


@dataclass(frozen=True)
class MailFile:
    path: Path
    mtime: float


@dataclass
class Mail:
    id: str
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def sender(self) -> str:
        return str(self.message.get("From", ""))

    @property
    def to(self) -> str:
        return str(self.message.get("To", ""))

    @property
    def date(self):
        try:
            return parsedate_to_datetime(str(self.message.get("Date", "")))
        except (TypeError, ValueError):
            return None

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        if body is None or body.get_content_subtype() != subtype:
            return ""
        try:
            return body.get_content()
        except (LookupError, ValueError):  # an unknown charset or a broken encoding
            return ""

    def headers(self) -> list[tuple[str, str]]:
        return [(name, str(value)) for name, value in self.message.items()]

    def attachments(self) -> list[str]:
        return [part.get_filename() or part.get_content_type() for part in self.message.iter_attachments()]


def mail_dir() -> Path:
    return Path(settings.EMAIL_FILE_DIR)


def mail_files() -> list[MailFile]:
    """The outbox files, newest first."""
    folder = mail_dir()
    if not folder.is_dir():
        return []
    files = [MailFile(p, p.stat().st_mtime) for p in folder.glob("*.log") if p.is_file() and STEM.fullmatch(p.stem)]
    return sorted(files, key=lambda f: (f.mtime, f.path.name), reverse=True)


def _messages_in(path: Path) -> list[bytes]:
    chunks = path.read_bytes().split(SEPARATOR)
    return [chunk for chunk in chunks if chunk.strip()]


def _parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def mails() -> list[Mail]:
    """Every message in the outbox, newest first (a file's later messages are newer)."""
    found = []
    for mail_file in mail_files():
        raws = _messages_in(mail_file.path)
        found += [Mail(f"{mail_file.path.stem}-{i}", _parse(raw)) for i, raw in reversed(list(enumerate(raws)))]
    return found


def mail_or_404(mail_id: str) -> Mail:
    match = MAIL_ID.fullmatch(mail_id)
    if match is None:
        raise Http404("no such mail")
    folder = mail_dir().resolve()
    file = (folder / f"{match['stem']}.log").resolve()
    if file.parent != folder or not file.is_file():
        raise Http404("no such mail")
    raws = _messages_in(file)
    index = int(match["index"])
    if index >= len(raws):
        raise Http404("no such mail")
    return Mail(mail_id, _parse(raws[index]))


@require_GET
def mail_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(mails(), PER_PAGE).get_page(page_number(request))
    return render(request, "dev/mail_list.html", {"page": page, "folder": mail_dir()})


@require_GET
def mail_detail(request: HttpRequest, mail_id: str) -> HttpResponse:
    mail = mail_or_404(mail_id)
    response = render(
        request, "dev/mail_detail.html", {"mail": mail, "text": mail.part("plain"), "html": mail.part("html")}
    )
    response._csp_config = {**settings.SECURE_CSP, "frame-src": [CSP.SELF]}  # the HTML part's frame
    return response


@require_GET
@xframe_options_sameorigin
def mail_html(request: HttpRequest, mail_id: str) -> HttpResponse:
    """The HTML part alone, for the sandboxed frame: no script runs, links open in a new tab."""
    html = mail_or_404(mail_id).part("html")
    if not html:
        raise Http404("this mail has no HTML part")
    response = HttpResponse('<base target="_blank">' + html, content_type="text/html; charset=utf-8")
    response._csp_config = HTML_PART_CSP
    return response


app_name = "devmail"
urlpatterns = [
    path("", mail_list, name="list"),
    path("<slug:mail_id>/", mail_detail, name="detail"),
    path("<slug:mail_id>/html/", mail_html, name="html"),
]
