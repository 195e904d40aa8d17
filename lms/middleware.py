"""Project-wide middleware."""

from __future__ import annotations

from django.urls import reverse

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
