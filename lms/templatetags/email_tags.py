"""Filters for the email templates (templates/email/)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def first_word(value: object) -> str:
    """The first name to greet someone by: "Ann" from "Ann Example"; "" for no name."""
    words = str(value or "").split()
    return words[0] if words else ""


@register.filter
def initials(value: object) -> str:
    """The site's mark in an email: "MC" from "Master Class Coaching" (first letters of two words)."""
    words = [w for w in str(value or "").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper()
