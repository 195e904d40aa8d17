"""Extra limits on trainer Markdown, on top of `lms.richtext.markdown_validate`.

Python-Markdown slows down quadratically on many unclosed link brackets (5,000 "[" take
about 12 s to render, 20,000 several minutes) and linearly but heavily on table cells
(a 200,000-character table takes about 6 s). The studio renders on every save and
preview, so it refuses such input with a clear message before rendering. The limits are
far above what a lesson needs. (Moving these checks into markdown_validate would protect
every caller; see the report.)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.richtext import markdown_validate

MAX_BRACKETS = 1500
MAX_TABLE_CELLS = 10_000


def markdown_guard(text: str) -> None:
    """Raise ValidationError for text that is too long, too deep, or too costly to render."""
    text = text or ""
    markdown_validate(text)
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
