"""sitemap.xml (django.contrib.sitemaps): the public pages that sell, with SITE_URL's address."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from courses.storefront.selectors import sitemap_courses


class _SiteUrlSitemap(Sitemap):
    """Absolute URLs from SITE_URL (not the request's Host header, which a client chooses)."""

    @property
    def protocol(self) -> str:  # type: ignore[override]
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(_SiteUrlSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["courses:home", "courses:for_organizations", "courses:catalog"]

    def location(self, item: str) -> str:
        return reverse(item)

    def priority(self, item: str) -> float:
        return 1.0 if item == "courses:home" else 0.8


class CoursesSitemap(_SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return sitemap_courses()

    def lastmod(self, course):
        return course.updated_at


SITEMAPS = {"pages": PagesSitemap, "courses": CoursesSitemap}
