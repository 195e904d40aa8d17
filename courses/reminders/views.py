"""Email preferences (logged in) and one-click unsubscribe (a signed link, no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from courses.reminders.base import all_kinds
from courses.reminders.engine import unsubscribe_token_load
from courses.reminders.forms import EmailPreferencesForm
from courses.reminders.services import email_preference_set, email_preferences_for, email_preferences_save


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = EmailPreferencesForm(request.POST, kinds=list(all_kinds()))
        if not form.is_valid():
            messages.error(request, _("Unknown kind of email."))
            status = 400
        else:
            email_preferences_save(user=request.user, enabled_kinds=set(form.cleaned_data["kinds"]))
            messages.success(request, _("Your email preferences are saved."))
            return redirect("courses:email_preferences")
    return render(
        request,
        "courses/reminders/email_preferences.html",
        {"preferences": email_preferences_for(user=request.user)},
        status=status,
    )


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs without a session; the signed token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user_id, kind_key = unsubscribe_token_load(token)
        kind = all_kinds()[kind_key]
        user = User.objects.get(pk=user_id)
    except (signing.BadSignature, KeyError, User.DoesNotExist):
        return render(request, "courses/reminders/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        try:
            email_preference_set(user=user, kind=kind_key, enabled=False)
        except ValidationError:
            return render(request, "courses/reminders/unsubscribe_invalid.html", status=400)
        return render(request, "courses/reminders/unsubscribe_done.html", {"kind": kind})
    return render(request, "courses/reminders/unsubscribe_confirm.html", {"kind": kind, "token": token})
