"""Certificates: issue once, the PDF, the QR code, public verification, download, revoke."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from courses.certificates.services import certificate_issue_and_render, certificate_revoke
from courses.learning.services import lesson_complete
from courses.models import Certificate, Enrollment
from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory, StaffFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finish(django_capture_on_commit_callbacks):
    """Complete the course's only lesson and run what commits trigger (the certificate task)."""

    def run(enrollment, lesson):
        with django_capture_on_commit_callbacks(execute=True):
            lesson_complete(user=enrollment.user, lesson=lesson)

    return run


def _completed(validity=None, **user_kwargs):
    trainer = TrainerFactory(full_name="Tessa Trainer")
    course = CourseFactory(
        title="Coaching Sales Professionals", trainers=[trainer], certificate_validity_months=validity
    )
    lesson = LessonFactory(module__course=course)
    enrollment = EnrollmentFactory(course=course, user=UserFactory(full_name="Pat Participant", **user_kwargs))
    return enrollment, lesson


def test_completing_course_issues_certificate_with_pdf_and_email(django_capture_on_commit_callbacks):
    enrollment, lesson = _completed()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=enrollment.user, lesson=lesson)
    cert = Certificate.objects.get(enrollment=enrollment)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(cert.pdf.read())).pages)
    assert "Pat Participant" in text
    assert "Coaching Sales Professionals" in text
    assert cert.code in text
    assert "Tessa Trainer" in text
    (message,) = [m for m in mail.outbox if cert.code in m.body]
    assert f"/my/certificates/{cert.pk}/download/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # essential


def test_rendering_twice_gives_one_certificate_row(finish):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    first = certificate_issue_and_render(enrollment_id=enrollment.pk)
    second = certificate_issue_and_render(enrollment_id=enrollment.pk)
    assert first.pk == second.pk and first.code == second.code
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_certificate_qr_encodes_verification_url(monkeypatch, finish):
    import segno

    encoded = []
    real_make = segno.make

    def spy(content, *args, **kwargs):
        encoded.append(content)
        return real_make(content, *args, **kwargs)

    monkeypatch.setattr(segno, "make", spy)
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get(enrollment=enrollment)
    from django.conf import settings

    assert encoded == [f"{settings.SITE_URL}/certificates/{cert.code}/"]


def test_certificate_code_is_human_friendly(finish):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    code = Certificate.objects.get().code
    assert len(code) == 14 and code[4] == code[9] == "-"
    assert not set(code.replace("-", "")) & set("01OIL")


def test_verify_page_public_valid_with_linkedin(client, finish):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    response = client.get(f"/certificates/{cert.code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in body and "Pat Participant" in body and "Coaching Sales Professionals" in body
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in body
    assert enrollment.user.email not in body  # nothing more than name, course, date


def test_verify_unknown_code_is_friendly_404(client):
    response = client.get("/certificates/ZZZZ-ZZZZ-ZZZZ/")
    assert response.status_code == 404
    assert "We do not know this certificate" in response.content.decode()


def test_verify_revoked_says_so(client, finish):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = certificate_revoke(certificate=Certificate.objects.get(), reason="Issued by mistake")
    body = client.get(f"/certificates/{cert.code}/").content.decode()
    assert "has been revoked" in body and "linkedin" not in body


def test_revoke_without_reason_is_refused(finish):
    from django.core.exceptions import ValidationError

    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=Certificate.objects.get(), reason="  ")
    assert Certificate.objects.get().revoked_at is None


def test_verify_expired_says_so(client, finish):
    enrollment, lesson = _completed(validity=12)
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    assert cert.expires_at is not None
    Certificate.objects.filter(pk=cert.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    body = client.get(f"/certificates/{cert.code}/").content.decode()
    assert "expired on" in body


def test_download_owner_and_staff_only(client, finish):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    url = f"/my/certificates/{cert.pk}/download/"
    assert client.get(url).status_code == 302  # anonymous: login
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # another participant
    client.force_login(TrainerFactory())
    assert client.get(url).status_code == 404  # a trainer (of another course)
    client.force_login(enrollment.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200


def test_custom_course_template_is_used(finish):
    enrollment, lesson = _completed()
    course = enrollment.course
    course.certificate_template = (
        "<html><body><p>CUSTOM {{ certificate.participant_name }} {{ certificate.code }}</p></body></html>"
    )
    course.save(update_fields=["certificate_template"])
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    text = PdfReader(io.BytesIO(cert.pdf.read())).pages[0].extract_text()
    assert f"CUSTOM Pat Participant {cert.code}" in text


def test_expiry_reminder_30_days_before(finish):
    from courses.reminders.tasks import reminders_sweep_task

    enrollment, lesson = _completed(validity=12)
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    mail.outbox.clear()
    Certificate.objects.filter(pk=cert.pk).update(expires_at=timezone.now() + datetime.timedelta(days=20))
    reminders_sweep_task()
    reminders_sweep_task()
    expiry = [m for m in mail.outbox if "expires soon" in m.subject]
    assert len(expiry) == 1 and "List-Unsubscribe" in expiry[0].extra_headers


def test_my_learning_shows_the_issued_certificate_with_its_pdf(client, finish):
    """The completed course's card on My learning links the certificate page and the PDF."""
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    client.force_login(enrollment.user)
    html = client.get("/my/learning/").content.decode()
    assert f"/certificates/{cert.code}/" in html and f"/my/certificates/{cert.pk}/download/" in html
    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED


def test_admin_revoke_action_asks_reason_then_revokes(client, finish, staff_login):
    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    staff_login(client, StaffFactory())
    data = {"action": "revoke", "_selected_action": [cert.pk]}
    response = client.post("/admin/courses/certificate/", data)
    assert response.status_code == 200 and "Reason" in response.content.decode()
    cert.refresh_from_db()
    assert cert.revoked_at is None  # the form only asks
    client.post("/admin/courses/certificate/", {**data, "apply": "1", "reason": "Plagiarised assignment"})
    cert.refresh_from_db()
    assert cert.revoked_at is not None and cert.revoke_reason == "Plagiarised assignment"
    assert client.get("/admin/courses/certificate/", {"q": cert.code}).status_code == 200


def test_download_refused_to_other_org_admin(client, finish):
    from accounts.models import Membership
    from tests.factories import MembershipFactory

    enrollment, lesson = _completed()
    finish(enrollment, lesson)
    cert = Certificate.objects.get()
    client.force_login(MembershipFactory(role=Membership.Role.ADMIN).user)
    assert client.get(f"/my/certificates/{cert.pk}/download/").status_code == 404


def _certificates_for(user, n):
    from courses.certificates.services import certificate_issue

    for _ in range(n):
        e = EnrollmentFactory(user=user)
        Enrollment.objects.filter(pk=e.pk).update(status="completed", completed_at=timezone.now())
        certificate_issue(enrollment=e)


@pytest.mark.parametrize("n", [1, 4])
def test_verify_page_query_count_is_flat(client, django_assert_num_queries, n):
    user = UserFactory()
    _certificates_for(user, n)
    cert = Certificate.objects.first()
    # 1: the certificate by code. (Anonymous: no session or user query.)
    with django_assert_num_queries(1):
        assert client.get(f"/certificates/{cert.code}/").status_code == 200
