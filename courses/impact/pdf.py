"""The impact report as a PDF a buyer can forward (WeasyPrint, like courses/certificates/pdf.py).

The template is the site's own; WeasyPrint may fetch nothing (data: URIs only), so the PDF needs
no network and cannot read server files.
"""

from __future__ import annotations

import ssl

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string

_UNUSED_TLS_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def report_pdf_render(*, report, request: HttpRequest) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("courses/impact/report_pdf.html", {"report": report, "scope": report.scope}, request)
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=2, ssl_context=_UNUSED_TLS_CONTEXT)
    return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf()
