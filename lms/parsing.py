"""Typed parsing of request values and uploaded JSON, shared by every view that reads one.

Input is hostile: `?course=99999999999999999999999` must mean "no such course", not an
`OverflowError` from SQLite; `?page=²` (a Unicode digit) not a `ValueError`; and a JSON
document nested 100,000 levels deep a clear refusal, not a `RecursionError`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _

from lms.converters import ID_MAX

_BRACKETS = re.compile(r"[\[\]{}]")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')


def parse_id(value: str | None) -> int | None:
    """A primary key from text: ASCII digits only, 1..2**63-1; anything else is None."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > len(str(ID_MAX)):
        return None
    number = int(value)
    return number if 0 < number <= ID_MAX else None


JSON_MAX_DEPTH = 64  # deeper than any document the site reads; json.loads would recurse past the stack


def parse_json(raw: bytes | str) -> Any:
    """JSON from an upload or a request body; ValueError (with a readable reason) for anything else,
    including nesting so deep that the decoder would raise RecursionError."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise ValueError(_("The text is not UTF-8.")) from exc
    if _nesting_depth(text) > JSON_MAX_DEPTH:
        raise ValueError(_("The JSON is nested too deeply (at most %(max)s levels).") % {"max": JSON_MAX_DEPTH})
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(str(exc)) from exc


def _nesting_depth(text: str) -> int:
    """How deeply `text` nests arrays and objects (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest
