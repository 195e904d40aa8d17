"""What is sent or printed for a Dutch user is Dutch: the site's and allauth's emails, the .ics files
(attached, downloaded, the calendar feed), the certificate PDF (text read with poppler's pdftotext),
the CSV export's header, and dates and numbers in Dutch formats ("30 november 2026", "1.234,5").
The public certificate page speaks its viewer's language, not the participant's."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership
from courses.certificates.services import certificate_issue_and_render
from courses.cohorts import selectors as cohort_sel
from courses.cohorts import services as cohort_svc
from courses.learning.services import lesson_complete
from courses.models import Certificate, Course
from courses.organizations import services as org_svc
from lms.templatetags.dates import as_date
from lms.templatetags.numbers import display_number
from tests.courses.cohorts.conftest import make_cohort, make_session
from tests.courses.organizations.conftest import make_org
from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory, MembershipFactory, UserFactory
from tests.i18n.english import content_corpus, english_in_text, shown_texts

pytestmark = pytest.mark.django_db

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
# Words any Dutch message of the site contains at least one of.
DUTCH_WORDS = ("je ", "jouw", "de ", "het ", "een ", "van ", "voor ", "met ")


TITLE = "Coaching Sales Professionals"  # course titles are content, not interface


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def assert_dutch(texts: list[str], what: str, *, sentences: bool = True) -> None:
    joined = " ".join(texts)
    assert not sentences or any(word in joined.lower() for word in DUTCH_WORDS), f"{what}: no Dutch in {joined[:300]!r}"
    english = english_in_text(texts, content_corpus())
    assert not english, f"{what}: English interface words:\n  " + "\n  ".join(english)


def assert_dutch_mail(message, what: str) -> None:
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert '<html lang="nl"' in html, f"{what}: HTML part not marked Dutch"
    assert_dutch([message.subject, *message.body.splitlines(), *shown_texts(html)], what)


def test_dutch_formats_for_dates_and_numbers():
    with translation.override("nl"):
        assert ">30 november 2026<" in as_date(datetime.date(2026, 11, 30))
        assert display_number(1234.5) == "1.234,5"
        assert display_number(62.5) == "62,5"
    with translation.override("en"):
        assert ">30 November 2026<" in as_date(datetime.date(2026, 11, 30))
        assert display_number(1234.5) == "1,234.5"


def test_session_update_mail_and_its_ics_are_dutch(django_capture_on_commit_callbacks):
    cohort = make_cohort(course=CourseFactory(title=TITLE, delivery=Course.Delivery.COHORT))
    dutch, english = UserFactory(language="nl"), UserFactory(language="en")
    for user in (dutch, english):
        cohort_svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        cohort_svc.session_save(session=session)
    (message,) = [m for m in mail.outbox if m.to == [dutch.email]]
    assert_dutch_mail(message, "session update mail")
    assert dutch_date(timezone.localtime(session.starts_at, cohort.tzinfo).date()) in message.body
    (ics,) = [a for a in message.attachments if a[0].endswith(".ics")]
    ics_text = ics[1].decode() if isinstance(ics[1], bytes) else ics[1]
    assert "Je rooster" in ics_text and "Your schedule" not in ics_text
    (other,) = [m for m in mail.outbox if m.to == [english.email]]
    assert "Your schedule" in str(other.attachments[0][1])


def test_calendar_feed_and_session_file_are_dutch(client):
    cohort = make_cohort()
    user = UserFactory(language="nl")
    cohort_svc.cohort_enroll(user=user, course=cohort.course, cohort=cohort)
    session = make_session(cohort)
    feed = cohort_svc.calendar_feed_get_or_create(user=user)
    url = reverse("courses:calendar_feed", kwargs={"token": cohort_sel.calendar_feed_token(feed=feed)})
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()  # a calendar app: no cookie
    assert "Je rooster" in body and "My live sessions" not in body and "Your schedule" not in body
    client.force_login(user)
    body = client.get(reverse("courses:session_ics", kwargs={"pk": session.pk})).content.decode()
    assert "Je rooster" in body and "Your schedule" not in body


def test_invitation_mail_is_in_the_invitees_language(django_capture_on_commit_callbacks):
    """No account yet: the course's language. An account: its own language, whatever the admin reads."""
    org, admin, licence = make_org(seats=5, course=CourseFactory(title=TITLE, language="nl"))
    admin.language = "en"
    admin.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        org_svc.invitation_create(organization=org, licence_id=licence.pk, email="nieuw@example.com", invited_by=admin)
    (message,) = mail.outbox
    assert_dutch_mail(message, "invitation to a new address")
    mail.outbox.clear()
    org2, admin2, licence2 = make_org(seats=5, course=CourseFactory(title="Successfully Changing Behavior"))
    member = UserFactory(language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        org_svc.invitation_create(organization=org2, licence_id=licence2.pk, email=member.email, invited_by=admin2)
    (message,) = mail.outbox
    assert_dutch_mail(message, "invitation to a Dutch user")


def _certificate(django_capture_on_commit_callbacks, language: str) -> Certificate:
    course = CourseFactory(title=TITLE)  # an English course
    lesson = LessonFactory(module__course=course)
    enrollment = EnrollmentFactory(course=course, user=UserFactory(full_name="Pat Participant", language=language))
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=enrollment.user, lesson=lesson)
    return certificate_issue_and_render(enrollment_id=enrollment.pk)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils; .ci/run installs it)")
def test_certificate_pdf_and_mail_are_dutch(tmp_path, django_capture_on_commit_callbacks):
    certificate = _certificate(django_capture_on_commit_callbacks, "nl")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(certificate.pdf.read())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "Pat Participant" in text and certificate.code in text
    assert_dutch(lines, "certificate PDF")
    assert dutch_date(certificate.completed_on) in " ".join(text.split())
    (message,) = [m for m in mail.outbox if certificate.code in m.body]
    assert_dutch_mail(message, "certificate mail")


def test_certificate_verification_page_speaks_the_viewers_language(client, django_capture_on_commit_callbacks):
    certificate = _certificate(django_capture_on_commit_callbacks, "nl")
    url = reverse("courses:certificate_verify", kwargs={"code": certificate.code})
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english and "Certificate verification" in english
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="nl">' in dutch and "Certificate verification" not in dutch
    assert dutch_date(certificate.completed_on) in dutch


def test_csv_export_header_follows_the_requesting_user(client):
    org, admin, licence = make_org(seats=5)
    member = UserFactory()
    MembershipFactory(user=member, organization=org, role=Membership.Role.MEMBER)
    EnrollmentFactory(course=licence.course, user=member)
    url = reverse("courses:org_export", kwargs={"org_slug": org.slug})
    client.force_login(admin)
    english = next(csv.reader(io.StringIO(b"".join(client.get(url).streaming_content).decode("utf-8-sig"))))
    assert english[0] == "Name"
    admin.language = "nl"
    admin.save(update_fields=["language"])
    rows = list(csv.reader(io.StringIO(b"".join(client.get(url).streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Naam" and rows[0] != english
    assert_dutch(rows[0], "CSV header", sentences=False)
    # Numbers stay machine-readable for a spreadsheet to parse: 50 or 62.5, never "62,5".
    assert all("," not in cell for cell in rows[1][3:4]), rows[1]
