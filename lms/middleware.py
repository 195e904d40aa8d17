"""Project-wide middleware."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.twofactor import staff_two_factor_missing, staff_two_factor_redirect


class StaffTwoFactorMiddleware:
    """The admin (`/admin/`) opens for staff only in a session that passed two-factor
    authentication; without it they are sent to set up TOTP or to enter a code. Logging out
    stays possible."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(reverse("admin:index"))
            and request.path != reverse("admin:logout")
            and staff_two_factor_missing(request)
        ):
            return staff_two_factor_redirect(request)
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in person's saved language (their profile) wins over the browser's
    Accept-Language and the language cookie, on every page, for every request.

    Django's LocaleMiddleware (before authentication) has already chosen from the cookie and
    Accept-Language, which is what a visitor gets; this runs after AuthenticationMiddleware and,
    for a logged-in user, activates `user.language` instead. LocaleMiddleware's response half then
    sets Content-Language from it. Anonymous requests cost nothing extra.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.available:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
