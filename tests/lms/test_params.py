"""Typed query-string parsing: malformed values are a 400, never a 500 or a silent guess."""

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory

from lms.params import MAX_PAGE, page_number


@pytest.mark.parametrize(("query", "page"), [("", 1), ("page=3", 3), (f"page={MAX_PAGE}", MAX_PAGE)])
def test_page_number_reads_valid_pages(query, page):
    assert page_number(RequestFactory().get(f"/?{query}")) == page


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999999999999999999999", "1.5"])
def test_page_number_refuses_malformed_pages(value):
    with pytest.raises(BadRequest):
        page_number(RequestFactory().get("/", {"page": value}))
