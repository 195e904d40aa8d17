"""One CSV writer for every export: spreadsheet formula cells are neutralised.

OWASP's rule for CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is prefixed with a single quote, so a spreadsheet shows it as text and never
runs it as a formula. Numbers, dates and None pass through as values (a negative number stays
a number).

Every export starts with a UTF-8 byte order mark (``BOM``): without it Excel reads the file as
the local code page and shows an en dash or an accent as mojibake. csv_text() (a small document
in one piece) and csv_lines() (a streamed one) both write it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import translation

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads UTF-8 only with it


def csv_safe(value: Any) -> Any:
    """The cell as written: None is empty, strings starting with a formula character get a leading '."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands the line back, for streaming responses."""

    def write(self, value: str) -> str:
        return value


class SafeWriter:
    """csv.writer with every cell passed through csv_safe()."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_safe(v) for v in row])


def csv_text(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, bom: bool = True) -> str:
    """A whole CSV document as text (header first), starting with a BOM like csv_lines()."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = SafeWriter(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def csv_lines(
    header: Iterable[Any],
    rows: Iterable[Iterable[Any]],
    *,
    bom: bool = True,
    batch: int = 200,
    language: str | None = None,
) -> Iterator[str]:
    """CSV text in chunks of `batch` lines, for a StreamingHttpResponse; the first starts with a BOM.

    A streamed body is written after the view has returned, so the header and any translated cell
    are rendered under `language` (the requesting user's) explicitly, not whatever is active then.
    Numbers stay machine-readable (62.5, never 62,5): a CSV is data for a spreadsheet to parse."""
    if language:
        with translation.override(language):
            yield from csv_lines(header, rows, bom=bom, batch=batch)
        return
    writer = SafeWriter(_Echo())
    yield (BOM if bom else "") + writer.writerow(header)
    lines = []
    for row in rows:
        lines.append(writer.writerow(row))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)
