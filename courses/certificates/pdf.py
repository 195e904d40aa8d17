"""Render a certificate to PDF with WeasyPrint.

Template choice: a course may carry `certificate_template`, Django template HTML edited by
staff and trainers in the admin. That is trusted staff content (like the site's own templates),
so it is rendered with Django's template engine as it is, not sanitised: a certificate needs
layout and CSS that nh3 would strip. The only boundary kept is what WeasyPrint may fetch: the
URL fetcher allows data: URIs only, never file:// paths or the network, so a template
cannot read server files or call out (images go in as data: URIs; CSS inline).
"""

from __future__ import annotations

import ssl
import threading

import segno
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from courses.certificates.models import Certificate
from lms.links import absolute_url

DEFAULT_TEMPLATE = "certificates/certificate.html"
# Given to the fetcher so it does not build a default TLS context (loading the system's CA store
# costs about 30 ms per certificate). Never used: only data: URIs are allowed, and with no CA
# loaded any HTTPS certificate would fail verification anyway.
_UNUSED_TLS_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def certificate_verify_url(*, certificate: Certificate) -> str:
    return absolute_url("courses:certificate_verify", code=certificate.code)


def certificate_qr_data_uri(*, url: str) -> str:
    """An SVG QR code, as a data: URI, that encodes `url`."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1b2a41")


def _url_fetcher():
    """Only data: URIs (the QR code, embedded images): no files, no network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=2, ssl_context=_UNUSED_TLS_CONTEXT)


def certificate_context(*, certificate: Certificate) -> dict:
    url = certificate_verify_url(certificate=certificate)
    return {
        "certificate": certificate,
        "verify_url": url,
        "qr_data_uri": certificate_qr_data_uri(url=url),
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }


def certificate_html(*, certificate: Certificate) -> str:
    """The certificate in its participant's language (their profile's): the words around the
    course title, the date ("30 november 2026") and the verification line."""
    course = certificate.enrollment.course
    context = certificate_context(certificate=certificate)
    with translation.override(certificate.enrollment.user.language or settings.LANGUAGE_CODE):
        context["LANGUAGE_CODE"] = translation.get_language()  # <html lang>: hyphenation, PDF metadata
        if course.certificate_template.strip():
            return Template(course.certificate_template).render(Context(context))
        return render_to_string(DEFAULT_TEMPLATE, context)


_FONTS = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread, reused for every certificate.

    WeasyPrint builds a new one (a Pango font map, fontconfig state) for each document unless it
    is given one, and a worker process then grows by about 1 MB per certificate (measured: 144 ->
    202 MB over 60 certificates; shared: 128 -> 145 MB). Per thread, because a font map is not
    meant to be shared between threads (the thread pool of a worker)."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_FONTS, "config"):
        _FONTS.config = FontConfiguration()
    return _FONTS.config


def certificate_pdf_render(*, certificate: Certificate) -> bytes:
    from weasyprint import HTML

    html = certificate_html(certificate=certificate)
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=_url_fetcher())
    return document.write_pdf(font_config=_font_config())
