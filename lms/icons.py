"""The site's icons outside /static/: browsers ask for /favicon.ico on their own, and the web
app manifest names the home-screen icons. The files themselves are static (lms/static/icons/,
drawn by tools/make_icons.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, asked for by browsers and feed readers that ignore <link rel=icon>: no 404 in the logs."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))


@require_safe
@cache_control(max_age=86400, public=True)
def webmanifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: name and icons when a phone adds the site to its home screen."""
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "start_url": "/",
        "display": "standalone",
        "background_color": "#f4f6f8",
        "theme_color": "#0b5f73",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")
