"""Search engines and sharing: meta description, OpenGraph and canonical tags on every page,
schema.org JSON-LD on course pages (valid, and escaped against </script>), sitemap.xml, robots.txt."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from courses.storefront.seo import jsonld_dumps
from tests.courses.storefront.conftest import sold_course

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


@pytest.mark.parametrize("name", ["courses:home", "courses:catalog", "courses:for_organizations", "account_login"])
def test_every_page_has_description_opengraph_and_canonical(client, settings, name):
    """Storefront pages and others (here allauth's login) carry description, OpenGraph and canonical tags."""
    settings.SITE_URL = "https://learn.example.com"
    html = client.get(reverse(name)).content.decode()
    assert '<meta name="description" content="' in html
    for prop in ("og:title", "og:description", "og:type", "og:url", "og:image"):
        assert f'<meta property="{prop}" content="' in html, prop
    assert f'<link rel="canonical" href="https://learn.example.com{reverse(name)}">' in html


def test_course_page_tags_name_the_course(client, settings):
    """A course page's tags name the course, and its canonical URL drops the query string."""
    settings.SITE_URL = "https://learn.example.com"
    course = sold_course()
    html = client.get(course.get_absolute_url() + "?utm=x").content.decode()
    assert f'<meta property="og:title" content="{course.title}">' in html
    assert f'<meta name="description" content="{course.summary}">' in html
    # The canonical URL drops the query string.
    assert f'<link rel="canonical" href="https://learn.example.com{course.get_absolute_url()}">' in html


def test_course_page_has_course_jsonld_with_a_course_instance_per_cohort(client):
    """The JSON-LD parses as a schema.org Course with a CourseInstance per open cohort."""
    course = sold_course(cohorts=2)
    html = client.get(course.get_absolute_url()).content.decode()
    (block,) = SCRIPT.findall(html)
    data = json.loads(block)
    assert data["@type"] == "Course" and data["name"] == course.title
    assert data["provider"]["@type"] == "Organization"
    cohorts = [i for i in data["hasCourseInstance"] if i.get("courseMode") == "Blended"]
    assert [c["name"] for c in cohorts] == ["Cohort 0", "Cohort 1"]
    assert cohorts[0]["remainingAttendeeCapacity"] == 12
    assert cohorts[0]["instructor"][0]["name"] == "Tessa Trainer"


def test_jsonld_cannot_be_ended_by_a_title(client):
    """A title with </script> must not end the JSON-LD block (no XSS), and stays readable as JSON."""
    hostile = "</script><script>alert(1)</script> & <!--"
    course = sold_course(title=hostile)
    html = client.get(course.get_absolute_url()).content.decode()
    (block,) = SCRIPT.findall(html)
    assert "</script" not in block and "<!--" not in block
    assert json.loads(block)["name"] == hostile
    assert "<script>alert(1)</script>" not in html


def test_jsonld_dumps_escapes_markup_characters():
    """<, & and > become JSON unicode escapes."""
    assert jsonld_dumps({"a": "<&>"}) == '{"a": "\\u003C\\u0026\\u003E"}'


def test_sitemap_lists_the_public_pages_and_each_published_course(client, settings):
    """sitemap.xml lists home, For organizations, the catalog and each course at SITE_URL."""
    settings.SITE_URL = "https://learn.example.com"
    course = sold_course()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/", "/for-organizations/", "/courses/", course.get_absolute_url()):
        assert f"<loc>https://learn.example.com{path}</loc>" in body, path


def test_sitemap_leaves_out_drafts(client):
    """A draft course is not in the sitemap."""
    course = sold_course()
    course.status = "draft"
    course.save(update_fields=["status"])
    assert course.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_robots_allows_all_but_private_areas_and_names_the_sitemap(client, settings):
    """robots.txt allows the public site, keeps crawlers out of private areas, names the sitemap."""
    settings.SITE_URL = "https://learn.example.com"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/admin/", "/accounts/", "/my/", "/trainer/", "/studio/", "/org/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: https://learn.example.com/sitemap.xml" in lines
