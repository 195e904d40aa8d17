"""Limits on trainer Markdown before it is rendered.

The limits themselves live in `lms.richtext.markdown_validate` (length, nesting, link
brackets, table cells), so the admin, the studio and imports are all protected alike.
"""

from __future__ import annotations

from lms.richtext import markdown_validate


def markdown_guard(text: str) -> None:
    """Raise ValidationError for text that is too long, too deep, or too costly to render."""
    markdown_validate(text or "")
