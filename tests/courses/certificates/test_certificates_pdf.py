"""The certificate PDF's fetcher: data: URIs only, and no TLS set-up per certificate (issue 18)."""

from __future__ import annotations

import io
import ssl

import pytest
from django.utils import timezone
from pypdf import PdfReader

from courses.certificates.pdf import _url_fetcher, certificate_pdf_render
from courses.certificates.services import certificate_issue
from courses.learning.models import Enrollment
from tests.factories import CourseFactory, EnrollmentFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rendering_builds_no_default_tls_context(monkeypatch):
    """Loading the system CA store cost ~30 ms per PDF; the old fetcher did it on every render."""

    def refuse(*args, **kwargs):
        raise AssertionError("a default TLS context was built for a certificate")

    monkeypatch.setattr(ssl, "create_default_context", refuse)
    monkeypatch.setattr("http.client._create_https_context", refuse, raising=False)
    course = CourseFactory(title="Coaching Sales Professionals", trainers=[TrainerFactory(full_name="Tessa Trainer")])
    enrollment = EnrollmentFactory(
        course=course,
        user=UserFactory(full_name="Pat Participant"),
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    cert, _created = certificate_issue(enrollment=enrollment)
    text = PdfReader(io.BytesIO(certificate_pdf_render(certificate=cert))).pages[0].extract_text()
    assert "Pat Participant" in text and "Tessa Trainer" in text and cert.code in text


@pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1/", "https://example.com/x.png"])
def test_fetcher_refuses_files_and_network(url):
    """The shared TLS context changes nothing at the boundary: only data: URIs are fetched."""
    with pytest.raises(ValueError, match="disallowed protocol"):
        _url_fetcher().fetch(url)
