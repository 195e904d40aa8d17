"""Business-figure CSV upload (all or nothing, clear errors) and the reaction survey."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import KpiValue, ReactionSurvey
from tests.courses.impact.conftest import add_people, world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _upload(client, w, text: str):
    client.force_login(w.admin)
    url = reverse("courses:impact_kpi_upload", kwargs={"org_slug": w.organization.slug})
    return client.post(url, {"file": SimpleUploadedFile("figures.csv", text.encode(), "text/csv")})


def _last_month() -> str:
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")


def _next_month() -> str:
    return (timezone.localdate().replace(day=28) + datetime.timedelta(days=7)).strftime("%Y-%m")


def test_kpi_upload_stores_every_row(client):
    w = world()
    a, b = add_people(w, 2)
    text = (
        f'email,month,metric,value\n{a.email.upper()},{_last_month()},Win rate,0.31\n{b.email},2026-01,Win rate,"0,4"\n'
    )
    response = _upload(client, w, text)
    assert response.status_code == 302
    assert sorted(float(v) for v in KpiValue.objects.values_list("value", flat=True)) == [0.31, 0.4]
    # The same person, month and metric again replaces the figure.
    _upload(client, w, f"email,month,metric,value\n{a.email},{_last_month()},Win rate,0.5\n")
    assert KpiValue.objects.count() == 2 and float(KpiValue.objects.filter(user=a).get().value) == 0.5


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{stranger},2026-01,Win rate,1", "is not a member of this organization"),
        ("{member},2026-01,Win rate,lots", "is not a number"),
        ("{member},{future},Win rate,1", "is in the future"),
        ("{member},January,Win rate,1", "the month must look like 2026-03"),
        ("{member},2026-01,,1", "the metric needs a name"),
    ],
)
def test_kpi_upload_bad_rows_store_nothing(client, row, message):
    w = world()
    member = add_people(w, 1)[0]
    good = f"{member.email},2026-01,Win rate,1"
    bad = row.format(stranger=UserFactory().email, member=member.email, future=_next_month())
    response = _upload(client, w, f"email,month,metric,value\n{good}\n{bad}\n")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 3:" in html and message in html
    assert not KpiValue.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,when,what,how much\nx,y,z,1\n", "The first line must be"),
        ("email,month,metric,value\n", "no rows under its header"),
        ("\x00\x01binary", "not a CSV file"),
    ],
)
def test_kpi_upload_bad_files(client, content, message):
    w = world()
    response = _upload(client, w, content)
    assert message in response.content.decode()
    assert not KpiValue.objects.exists()


def test_kpi_upload_is_for_the_organizations_admin_only(client):
    w, other = world(), world()
    member = add_people(w, 1)[0]
    client.force_login(other.admin)
    url = reverse("courses:impact_kpi_upload", kwargs={"org_slug": w.organization.slug})
    text = f"email,month,metric,value\n{member.email},2026-01,Win rate,1\n"
    response = client.post(url, {"file": SimpleUploadedFile("f.csv", text.encode())})
    assert response.status_code == 404 and not KpiValue.objects.exists()


def test_reaction_survey_for_enrolled_participants(client):
    w = world()
    member = add_people(w, 1)[0]
    url = reverse("courses:reaction_survey", kwargs={"slug": w.course.slug})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    response = client.post(url, {"relevance": "6", "confidence": "5", "recommend": "9", "open_answer": "Ask first"})
    assert response.status_code == 302
    survey = ReactionSurvey.objects.get(user=member)
    assert (survey.relevance, survey.confidence, survey.recommend, survey.open_answer) == (6, 5, 9, "Ask first")
    assert client.post(url, {"relevance": "9", "confidence": "5", "recommend": "11"}).status_code == 200
    survey.refresh_from_db()
    assert survey.relevance == 6


def test_completed_course_page_asks_for_the_survey_once(client):
    w = world()
    member = add_people(w, 1)[0]
    client.force_login(member)
    page = reverse("courses:course_detail", kwargs={"slug": w.course.slug})
    survey = reverse("courses:reaction_survey", kwargs={"slug": w.course.slug})
    assert survey in client.get(page).content.decode()
    client.post(survey, {"relevance": "6", "confidence": "5", "recommend": "9"})
    assert survey not in client.get(page).content.decode()
