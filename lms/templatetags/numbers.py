"""Numbers as a reader of the active language writes them, for text (never for attributes):

    {% load numbers %}
    {{ value|as_number }}      1,234.5 in English, 1.234,5 in Dutch
    {{ value|as_number:1 }}    one decimal: 62.5 / 62,5

Django localises a bare {{ 62.5 }} too (62,5 in Dutch), but without the thousands separator: the
site leaves USE_THOUSAND_SEPARATOR off, because it would also write "1.234" into an attribute,
a JSON island or an SVG coordinate. Numbers in attributes are written with `|unlocalize` or inside
`{% localize off %}` (the charts); numbers in CSV exports stay machine-readable (lms/csv_export.py).
"""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


def display_number(value: float | int | None, decimal_pos: int | None = None) -> str:
    """The number for a person to read, in the active language's format, grouped by thousands."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=decimal_pos, force_grouping=True)


@register.filter
def as_number(value, decimal_pos: int | None = None) -> str:
    try:
        return display_number(value, decimal_pos)
    except (TypeError, ValueError):
        return str(value)
