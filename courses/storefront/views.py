"""Storefront pages: home, "For organizations" with its request form, covers and avatars,
sitemap.xml and robots.txt. Views parse input through forms and call one selector or service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from courses.learning.selectors import course_for_learner_or_404
from courses.storefront import selectors, services
from courses.storefront.covers import avatar_svg, cover_svg
from courses.storefront.forms import OrgRequestForm
from courses.storefront.ratelimit import REQUESTS_PER_HOUR, org_request_allowed
from lms.links import absolute_url
from lms.uploads import sniff

IMAGE_KINDS = frozenset({"png", "jpg", "webp", "gif"})
PICTURE_CACHE = "public, max-age=3600"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The master classes, sold: what changes, for whom, how, when, by whom, what people said."""
    return render(request, "courses/storefront/storefront_home.html", {"page": selectors.home_page()})


def _request_form(request: HttpRequest) -> OrgRequestForm:
    courses, cohorts = selectors.request_form_choices()
    data = request.POST if request.method == "POST" else None
    return OrgRequestForm(data, courses=courses, cohorts=cohorts)


@require_http_methods(["GET", "POST"])
def for_organizations(request: HttpRequest) -> HttpResponse:
    """How organizations book seats, and the request form (honeypot and a per-address limit)."""
    form = _request_form(request)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not org_request_allowed(request):
            messages.error(
                request,
                _("You sent %(n)s requests in the last hour. Please wait an hour, or email us directly.")
                % {"n": REQUESTS_PER_HOUR},
            )
            status = 429
        else:
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            try:
                services.org_request_create(**data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("courses:org_request_thanks")
    elif request.method == "POST":
        status = 400
    return render(request, "courses/storefront/orgrequest_form.html", {"form": form}, status=status)


@require_safe
def org_request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "courses/storefront/orgrequest_thanks.html")


def _picture(file, *, filename: str) -> FileResponse | None:
    stored = file.open("rb")
    found = sniff(stored, allowed=IMAGE_KINDS)
    if found is None:
        stored.close()
        return None
    response = FileResponse(stored, content_type=found.mime, filename=filename)
    response["Cache-Control"] = PICTURE_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _svg(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = PICTURE_CACHE
    return response


@require_safe
def course_cover(request: HttpRequest, slug: str) -> HttpResponse:
    """The uploaded cover (served as what its bytes are), or a cover generated from the title."""
    course = course_for_learner_or_404(user=request.user, slug=slug)
    if course.cover_image:
        response = _picture(course.cover_image, filename=f"{course.slug}-cover")
        if response is not None:
            return response
    return _svg(cover_svg(course.title, site_name=settings.SITE_NAME))


@require_safe
def trainer_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A trainer's photo, or their initials."""
    trainer = selectors.trainer_for_photo_or_404(pk=pk)
    if trainer.photo:
        response = _picture(trainer.photo, filename=f"trainer-{trainer.pk}")
        if response is not None:
            return response
    return _svg(avatar_svg(trainer.get_full_name()))


# Areas a search engine has no business in: private pages, forms with side effects, tokens.
ROBOTS_DISALLOW = [
    "/admin/", "/accounts/", "/account/", "/my/", "/trainer/", "/studio/", "/org/", "/invitations/",
    "/check-in/", "/buddy/", "/calendar/", "/email/", "/submissions/", "/attachments/", "/sessions/", "/i18n/",
]  # fmt: skip


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {absolute_url('courses:sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
