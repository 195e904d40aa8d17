"""Filters for the email templates (templates/email/)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def first_word(value: object) -> str:
    """The first name to greet someone by: "Ann" from "Ann Example"; "" for no name."""
    words = str(value or "").split()
    return words[0] if words else ""
