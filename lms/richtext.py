"""Trainer-written Markdown -> sanitised HTML, and the video-host allow-list.

Trainer content is untrusted: Markdown is rendered, then cleaned by nh3 with an
allow-list of tags, attributes and URL schemes. The result is stored at save time and
never rendered per request.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_MARKDOWN_CHARS = 200_000
MAX_NESTING = 20
# Python-Markdown slows down sharply on many unclosed link brackets (5,000 "[" take ~12 s)
# and on huge tables (a 200,000-character table ~6 s): refuse such input before rendering.
MAX_BRACKETS = 1500
MAX_TABLE_CELLS = 10_000

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_NESTING_RE = re.compile(r"^[ \t]*((?:[>*+-]|\d+\.)[ \t]*){" + str(MAX_NESTING) + ",}", re.MULTILINE)


def markdown_validate(text: str) -> None:
    """Refuse input that would be unreasonably large or deeply nested."""
    if len(text) > MAX_MARKDOWN_CHARS:
        raise ValidationError(
            _("The text is too long: %(size)s characters, at most %(max)s."),
            params={"size": f"{len(text):,}", "max": f"{MAX_MARKDOWN_CHARS:,}"},
            code="too_long",
        )
    if _NESTING_RE.search(text):
        raise ValidationError(
            _("The text nests quotes or lists more than %(max)s levels deep."),
            params={"max": MAX_NESTING},
            code="too_deep",
        )
    if text.count("[") > MAX_BRACKETS:
        raise ValidationError(
            _("The text has too many links or square brackets (at most %(max)s)."),
            params={"max": f"{MAX_BRACKETS:,}"},
            code="too_many_links",
        )
    if text.count("|") > MAX_TABLE_CELLS:
        raise ValidationError(
            _("The text has too many table cells (at most %(max)s); split the table or link to a file."),
            params={"max": f"{MAX_TABLE_CELLS:,}"},
            code="too_many_cells",
        )


def markdown_render(text: str) -> str:
    """Render Markdown and sanitise the HTML. Safe to mark as safe in templates."""
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


VIDEO_HOSTS = {
    "youtube.com": "youtube",
    "www.youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "www.vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{4,12}$")


def video_embed_url(url: str) -> str | None:
    """The embeddable URL for an allowed video host, or None when the URL is not allowed."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme != "https":
        return None
    provider = VIDEO_HOSTS.get((parsed.hostname or "").lower())
    if provider == "youtube":
        if parsed.hostname == "youtu.be":
            video_id = parsed.path.lstrip("/")
        elif parsed.path.startswith("/embed/"):
            video_id = parsed.path.removeprefix("/embed/")
        else:
            video_id = (parse_qs(parsed.query).get("v") or [""])[0]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif provider == "vimeo":
        video_id = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}"
    return None


def validate_video_url(url: str) -> None:
    if url and video_embed_url(url) is None:
        raise ValidationError(
            _("Videos can only be embedded from YouTube or Vimeo (an https:// link to one video)."),
            code="video_host",
        )
