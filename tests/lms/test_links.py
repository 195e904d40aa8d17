"""The one absolute-URL builder: SITE_URL plus a reversed or given path."""

import pytest

from lms.links import absolute_url, site_url


def test_absolute_url_joins_site_url_and_the_reversed_path(settings):
    settings.SITE_URL = "https://learn.example.com"
    assert absolute_url("courses:certificate_verify", code="ABC") == "https://learn.example.com/certificates/ABC/"


def test_absolute_url_without_arguments(settings):
    settings.SITE_URL = "https://learn.example.com"
    assert absolute_url("courses:catalog").startswith("https://learn.example.com/")


def test_site_url_refuses_a_relative_path(settings):
    with pytest.raises(ValueError):
        site_url("courses/")
