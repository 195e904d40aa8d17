"""Studio and organization sections are tabs with the current one marked, and the studio's tabs
reach the trainer's cohort and module-release pages (before, only typing the URL did)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from courses.models import Course
from tests.courses.organizations.conftest import make_org
from tests.factories import CourseFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def _tabs(html: str) -> str:
    match = re.search(r'<nav class="tabs"[^>]*>.*?</nav>', html, re.S)
    assert match, "no tabs on the page"
    return match.group(0)


def _current(tabs: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', tabs)


@pytest.mark.parametrize("url_name", ["studio_course_edit", "cohort_list", "module_release_list", "studio_analytics"])
def test_studio_tabs_link_cohorts_and_releases_and_mark_the_current_one(client, url_name):
    """Old behaviour: the studio nav had no link to cohorts or module release, and no tab was marked."""
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer], status=Course.Status.PUBLISHED)
    client.force_login(trainer)
    url = reverse(f"courses:{url_name}", args=[course.slug])
    tabs = _tabs(client.get(url).content.decode())
    assert reverse("courses:cohort_list", args=[course.slug]) in tabs
    assert reverse("courses:module_release_list", args=[course.slug]) in tabs
    assert _current(tabs) == [url]


def test_organization_sections_are_tabs_with_the_current_one_marked(client):
    """Old behaviour: breadcrumb-looking links (nav.breadcrumbs), the organization name as a crumb."""
    org, admin, _licence = make_org()
    client.force_login(admin)
    for name in ("org_overview", "org_dashboard", "org_import"):
        url = reverse(f"courses:{name}", kwargs={"org_slug": org.slug})
        tabs = _tabs(client.get(url).content.decode())
        assert _current(tabs) == [url]
        assert tabs.count("<li>") == 5  # seats, progress, follow-up, impact, CSV
