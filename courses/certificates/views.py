"""Certificates (public verification, owner download) and email preferences / unsubscribe."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from courses.certificates.forms import EmailPreferencesForm
from courses.certificates.pdf import certificate_verify_url
from courses.certificates.selectors import certificate_by_code_or_404, certificate_for_download_or_404
from courses.reminders.base import all_kinds
from courses.reminders.engine import unsubscribe_token_load
from courses.reminders.services import email_preference_set, email_preferences_for, email_preferences_save


def linkedin_add_url(*, certificate, verify_url: str) -> str:
    issued = certificate.issued_at
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": settings.SITE_NAME,
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": verify_url,
        "certId": certificate.code,
    }
    if certificate.expires_at:
        params["expirationYear"] = certificate.expires_at.year
        params["expirationMonth"] = certificate.expires_at.month
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: valid / revoked / expired, name, course and date. Nothing more."""
    try:
        cert = certificate_by_code_or_404(code=code)
    except Http404:
        return render(request, "courses/certificates/certificate_unknown.html", {"code": code[:40]}, status=404)
    verify_url = certificate_verify_url(certificate=cert)
    is_owner = request.user.is_authenticated and cert.enrollment.user_id == request.user.id
    return render(
        request,
        "courses/certificates/certificate_verify.html",
        {
            "certificate": cert,
            "state": cert.state,
            "verify_url": verify_url,
            "linkedin_url": linkedin_add_url(certificate=cert, verify_url=verify_url) if cert.state == "valid" else "",
            "is_owner": is_owner,
        },
    )


@login_required
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    cert = certificate_for_download_or_404(user=request.user, pk=pk)
    response = FileResponse(
        cert.pdf.open("rb"), as_attachment=True, filename=f"certificate-{cert.code}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
