"""One format per context for dates on the site, each a <time> element with a valid `datetime`:

    {% load dates %}
    {{ value|as_date }}        1 December 2026           a day (deadline, start date, issued on)
    {{ value|as_datetime }}    1 December 2026, 14:00    a moment (a live session, a submission)
    {{ value|as_relative }}    2 days ago                recent activity; the exact moment is the title

Formats come from Django's localised DATE_FORMAT / DATETIME_FORMAT (lms/formats/ for English);
aware datetimes are shown in the site's time zone. None or "" renders nothing.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from functools import lru_cache

from django import template
from django.contrib.humanize.templatetags.humanize import NaturalTimeFormatter, naturalday
from django.utils import formats, timezone
from django.utils.dateformat import DateFormat, TimeFormat
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# django.utils.dateformat's own patterns: a format character not escaped by a backslash, and an
# escaped character.
_FORMAT_CHARS = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
_ESCAPED = re.compile(r"\\(.)")


@lru_cache(maxsize=64)
def _parsed(format_string: str) -> tuple[tuple[str, bool], ...]:
    """The format string cut the way `Formatter.format` cuts it, as (text, is a format character)."""
    pieces = []
    for i, piece in enumerate(_FORMAT_CHARS.split(format_string)):
        if i % 2:
            pieces.append((piece, True))
        elif piece:
            pieces.append((_ESCAPED.sub(r"\1", piece), False))
    return tuple(pieces)


def _format(value: date | datetime, format_type: str) -> str:
    """`formats.date_format(value, format_type)`, the same text, with the format string parsed once
    per process: Django parses it again on every call (half the time of a date on a long list)."""
    pieces = _parsed(str(formats.get_format(format_type or "DATE_FORMAT")))
    if type(value) is date and any(is_char and hasattr(TimeFormat, text) for text, is_char in pieces):
        return formats.date_format(value, format_type)  # Django's TypeError: no time in a date's format
    shown = DateFormat(value)
    return "".join(str(getattr(shown, text)()) if is_char else text for text, is_char in pieces)


def _escape(text: str) -> str:
    """`conditional_escape` for the strings built here, without its lazy-string wrapper."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


def _time(iso: str, text: str, title: str | None = None) -> SafeString:
    """<time datetime="…" title="…">…</time>, each value escaped as format_html would (cheaper)."""
    title_attribute = "" if title is None else f' title="{_escape(title)}"'
    return mark_safe(f'<time datetime="{_escape(iso)}"{title_attribute}>{_escape(text)}</time>')


class _ByNumber:
    """One of `naturaltime`'s lazy phrases with a number ("%(num)d days"), its translations kept
    per language and number: asking gettext again for every date was most of `naturaltime`'s time
    on a long list. The text is the lazy phrase's own."""

    def __init__(self, phrase) -> None:
        self._phrase = phrase
        self._said: dict[tuple, str] = {}

    def __mod__(self, values: dict) -> str:
        key = (get_language(), *values.items())
        if key not in self._said:
            self._said[key] = self._phrase % values
        return self._said[key]


class _Format:
    """One of `naturaltime`'s lazy phrases around a delta ("%(delta)s ago"), translated once per language."""

    def __init__(self, phrase) -> None:
        self._phrase = phrase
        self._said: dict[str | None, str] = {}

    def __mod__(self, values: dict) -> str:
        language = get_language()
        if language not in self._said:
            self._said[language] = str(self._phrase)
        return self._said[language] % values


class _NaturalTime(NaturalTimeFormatter):
    """Django's `naturaltime` (its own `string_for`), with its phrases' translations kept."""

    time_strings = {
        key: phrase if key == "now" else (_Format(phrase) if key.endswith("-day") else _ByNumber(phrase))
        for key, phrase in NaturalTimeFormatter.time_strings.items()
    }
    past_substrings = {key: _ByNumber(phrase) for key, phrase in NaturalTimeFormatter.past_substrings.items()}
    future_substrings = {key: _ByNumber(phrase) for key, phrase in NaturalTimeFormatter.future_substrings.items()}


def naturaltime(value: datetime) -> str:
    return _NaturalTime.string_for(value)


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _iso(value: date | datetime) -> str:
    """A valid HTML `datetime` value: 2026-12-01, or 2026-12-01T14:00:00+01:00 (no microseconds)."""
    if isinstance(value, datetime):
        return _local(value).replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter(is_safe=True)
def as_date(value: date | datetime | None) -> str:
    if not value:
        return ""
    shown = _local(value) if isinstance(value, datetime) else value
    iso = _iso(shown.date() if isinstance(shown, datetime) else shown)
    return _time(iso, _format(shown, "DATE_FORMAT"))


@register.filter(is_safe=True)
def as_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    if not isinstance(value, datetime):
        return as_date(value)
    shown = _local(value)
    return _time(shown.replace(microsecond=0).isoformat(), _format(shown, "DATETIME_FORMAT"))


@register.filter(is_safe=True)
def as_relative(value: date | datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        shown = _local(value)
        iso, exact, text = (
            shown.replace(microsecond=0).isoformat(),
            _format(shown, "DATETIME_FORMAT"),
            naturaltime(value),
        )
    else:
        iso, exact, text = value.isoformat(), _format(value, "DATE_FORMAT"), _relative_day(value)
    return _time(iso, text, exact)


def _relative_day(value: date) -> str:
    """ "today", "yesterday", "3 days ago", "in 2 weeks": a day has no hours to count."""
    today = timezone.localdate()
    days = (value - today).days
    if abs(days) <= 1:
        return naturalday(value)
    if days < 0:
        return _("%(delta)s ago") % {"delta": timesince(value, today, depth=1)}
    return _("in %(delta)s") % {"delta": timeuntil(value, today, depth=1)}
