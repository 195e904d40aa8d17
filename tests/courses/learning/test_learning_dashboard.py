"""My learning: pending invitations with an Accept button, certificates on completed courses,
and a query count that stays the same however many of each there are."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from courses.certificates.services import certificate_issue, certificate_revoke
from courses.learning.services import enrollment_create, lesson_complete
from courses.models import Enrollment, Invitation
from tests.courses.organizations.conftest import make_invitation, make_org
from tests.factories import CourseFactory, LessonFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/my/learning/"


@pytest.fixture(autouse=True)
def _db_sessions(settings):
    """Sessions from the database in both modes, so the query counts are the same everywhere."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def _completed(user, title: str = "Finished course") -> Enrollment:
    course = CourseFactory(title=title)
    lesson = LessonFactory(module__course=course)
    enrollment, _ = enrollment_create(user=user, course=course)
    lesson_complete(user=user, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    return enrollment


def _card(html: str, title: str) -> str:
    """The <li> card on the page whose heading names `title`."""
    for card in re.findall(r"<li class=\"card[^\"]*\">.*?</li>", html, flags=re.S):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def test_dashboard_url_is_my_learning():
    assert reverse("courses:dashboard") == DASHBOARD


def test_dashboard_completed_course_shows_its_certificate_not_continue(client):
    """A completed course's card links its certificate page and PDF (issue 14), in the card itself."""
    user = UserFactory()
    enrollment = _completed(user)
    cert, _ = certificate_issue(enrollment=enrollment)
    cert.pdf.save("c.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    client.force_login(user)
    card = _card(client.get(DASHBOARD).content.decode(), "Finished course")
    assert reverse("courses:certificate_verify", kwargs={"code": cert.code}) in card
    assert reverse("courses:certificate_download", kwargs={"pk": cert.pk}) in card
    assert "Continue where you left off" not in card


def test_dashboard_certificate_being_prepared_and_revoked(client):
    """Without a PDF yet the card says it is being prepared; a revoked certificate says so and is not offered."""
    user = UserFactory()
    preparing = _completed(user, "Course being certified")
    certificate_issue(enrollment=preparing)
    revoked_enrollment = _completed(user, "Course revoked")
    revoked, _ = certificate_issue(enrollment=revoked_enrollment)
    certificate_revoke(certificate=revoked, reason="Plagiarised assignment")
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    assert "being prepared" in _card(html, "Course being certified")
    revoked_card = _card(html, "Course revoked")
    assert "Certificate revoked" in revoked_card
    assert reverse("courses:certificate_verify", kwargs={"code": revoked.code}) not in revoked_card


def test_dashboard_shows_pending_invitations_with_accept_button(client):
    """Pending invitations for the user's address are listed with a one-click Accept (issue 14);
    expired, revoked, used ones, those for another address and those on an expired licence are not."""
    org, _, licence = make_org()
    org.name = "Acme Sales"
    org.save()
    licence.course.title = "Coaching in the field"
    licence.course.save()
    user = UserFactory(email="Invitee@Example.com")
    live = make_invitation(licence, email="invitee@example.com")
    _, _, other = make_org()
    make_invitation(other, email="invitee@example.com", status=Invitation.Status.REVOKED)
    make_invitation(other, email="invitee@example.com", status=Invitation.Status.ACCEPTED)
    _, _, late = make_org()
    make_invitation(late, email="invitee@example.com", expires_at=timezone.now() - timedelta(minutes=1))
    _, _, old_licence = make_org()
    old_licence.valid_until = date.today() - timedelta(days=2)
    old_licence.save()
    make_invitation(old_licence, email="invitee@example.com")
    _, _, someone_elses = make_org()
    make_invitation(someone_elses, email="someone@example.com")
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    accept_url = reverse("courses:invitation_accept", kwargs={"token": live.token})
    assert html.count("/invitations/") == 1 and accept_url in html
    assert "Acme Sales" in html and "Coaching in the field" in html
    assert re.search(rf'<form method="post" action="{re.escape(accept_url)}"', html)
    response = client.post(accept_url)
    assert response.status_code == 302
    assert Enrollment.objects.get(user=user).course == licence.course
    assert "/invitations/" not in client.get(DASHBOARD).content.decode()


def test_dashboard_without_invitations_shows_no_invitation_section(client):
    client.force_login(UserFactory())
    assert "Invitations" not in client.get(DASHBOARD).content.decode()


def _dashboard_data(user, n: int) -> None:
    """n courses in progress, n completed with a certificate each, n pending invitations."""
    for i in range(n):
        course = CourseFactory()
        LessonFactory(module__course=course)
        LessonFactory(module__course=course)
        enrollment_create(user=user, course=course)
        certificate_issue(enrollment=_completed(user, f"Done {i}"))
        _, _, licence = make_org()
        make_invitation(licence, email=user.email)


@pytest.mark.parametrize("n", [1, 8])
def test_dashboard_query_count_is_flat_with_invitations_and_certificates(client, django_assert_num_queries, n):
    user = UserFactory()
    _dashboard_data(user, n)
    client.force_login(user)
    # 1 session, 2 user, 3 enrollments with course, last lesson and next unfinished lesson,
    # 4-5 required lessons/exercises per course, 6-7 completed ones per user and course,
    # 8 certificates of the completed enrollments, 9 pending invitations with organization and course.
    with django_assert_num_queries(9):
        html = client.get(DASHBOARD).content.decode()
    assert html.count("/invitations/") == n and html.count("/certificates/") == n


def test_dashboard_skips_certificate_query_without_completed_courses(client, django_assert_num_queries):
    """No completed course, no certificate to look up: the page saves that query."""
    user = UserFactory()
    course = CourseFactory()
    LessonFactory(module__course=course)
    enrollment_create(user=user, course=course)
    client.force_login(user)
    with django_assert_num_queries(8):
        client.get(DASHBOARD)
