"""Absolute links for emails, calendar files, PDFs and exports: SITE_URL plus a path."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def site_url(path: str = "/") -> str:
    """SITE_URL followed by `path` (which starts with "/"), e.g. a model's get_absolute_url()."""
    if not path.startswith("/"):
        raise ValueError(f"site_url() needs a path starting with '/', not {path!r}")
    return settings.SITE_URL + path


def absolute_url(viewname: str, /, **kwargs: Any) -> str:
    """The absolute URL of a named view: `absolute_url("courses:review_detail", pk=3)`."""
    return site_url(reverse(viewname, kwargs=kwargs or None))
