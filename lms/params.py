"""Typed parsers for query strings: a view never reads request.GET raw.

A form declares the parameters; `query_params` validates them and answers 400 (BadRequest)
with the form's errors when a value is malformed (a page that is not a number, a sort key that
does not exist, an integer beyond 64 bits).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

MAX_PAGE = 1_000_000  # far beyond any list; keeps the number inside every integer type


class PageForm(forms.Form):
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)


def query_params(form_class: type[forms.Form], request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
    """The cleaned query string, or BadRequest (400) naming what is wrong."""
    form = form_class(request.GET, **kwargs)
    if not form.is_valid():
        raise BadRequest("; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()))
    return form.cleaned_data


def page_number(request: HttpRequest) -> int:
    """The `page` query parameter (1 when absent); 400 when it is not a page number."""
    return query_params(PageForm, request)["page"] or 1
