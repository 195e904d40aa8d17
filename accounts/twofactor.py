"""Staff work with two-factor authentication: the admin and the studio's staff powers need a
session that passed a TOTP code (allauth.mfa). Staff without an authenticator are sent to set
one up; staff with one whose session has not used it are asked for a code."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

TWO_FACTOR_TYPES = [Authenticator.Type.TOTP]


def staff_has_authenticator(user) -> bool:
    return is_mfa_enabled(user, TWO_FACTOR_TYPES)


def staff_two_factor_missing(request: HttpRequest) -> bool:
    """True for a logged-in staff member whose session has not passed two-factor authentication."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return False
    records = get_authentication_records(request, user)
    return not any(record.get("method") == "mfa" for record in records)


def staff_two_factor_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Send staff to set up TOTP (no authenticator yet) or to enter a code, then back here."""
    if staff_has_authenticator(request.user):
        messages.warning(request, _("Staff pages need two-factor authentication: enter a code from your app."))
        url = reverse("mfa_reauthenticate")
    else:
        messages.warning(
            request,
            _("Staff must use two-factor authentication. Set up an authenticator app (TOTP) to continue."),
        )
        url = reverse("mfa_activate_totp")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
