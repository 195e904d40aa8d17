"""One format per context for dates on the site, each a <time> element with a valid `datetime`:

    {% load dates %}
    {{ value|as_date }}        1 December 2026           a day (deadline, start date, issued on)
    {{ value|as_datetime }}    1 December 2026, 14:00    a moment (a live session, a submission)
    {{ value|as_relative }}    2 days ago                recent activity; the exact moment is the title

Formats come from Django's localised DATE_FORMAT / DATETIME_FORMAT (lms/formats/ for English);
aware datetimes are shown in the site's time zone. None or "" renders nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.contrib.humanize.templatetags.humanize import naturalday, naturaltime
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

register = template.Library()


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
    return format_html('<time datetime="{}">{}</time>', iso, formats.date_format(shown, "DATE_FORMAT"))


@register.filter(is_safe=True)
def as_datetime(value: datetime | None) -> str:
    if not value:
        return ""
    if not isinstance(value, datetime):
        return as_date(value)
    return format_html(
        '<time datetime="{}">{}</time>', _iso(value), formats.date_format(_local(value), "DATETIME_FORMAT")
    )


@register.filter(is_safe=True)
def as_relative(value: date | datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        exact = formats.date_format(_local(value), "DATETIME_FORMAT")
        text = naturaltime(value)
    else:
        exact = formats.date_format(value, "DATE_FORMAT")
        text = _relative_day(value)
    return format_html('<time datetime="{}" title="{}">{}</time>', _iso(value), exact, text)


def _relative_day(value: date) -> str:
    """ "today", "yesterday", "3 days ago", "in 2 weeks": a day has no hours to count."""
    today = timezone.localdate()
    days = (value - today).days
    if abs(days) <= 1:
        return naturalday(value)
    if days < 0:
        return _("%(delta)s ago") % {"delta": timesince(value, today, depth=1)}
    return _("in %(delta)s") % {"delta": timeuntil(value, today, depth=1)}
