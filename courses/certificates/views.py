"""Certificates: public verification and the owner's download."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from courses.certificates.pdf import certificate_verify_url
from courses.certificates.selectors import certificate_by_code_or_404, certificate_for_download_or_404


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
