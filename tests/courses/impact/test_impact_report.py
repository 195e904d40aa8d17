"""The impact report: who may see it, thresholds, no individual figures, exports."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from courses.models import Enrollment, PrePostTest, QuizAttempt, ReactionSurvey
from tests.courses.cohorts.conftest import make_cohort
from tests.courses.impact.conftest import add_kpi, add_people, add_plan_with_rounds, answer_first_checkin, world
from tests.factories import MembershipFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

WITHHELD = "fewer than 5 people — not shown"


def _urls(w):
    org = {"org_slug": w.organization.slug, "pk": w.licence.pk}
    return {
        "course": [reverse(f"courses:impact_course{s}", kwargs={"slug": w.course.slug}) for s in ("", "_csv", "_pdf")],
        "licence": [reverse(f"courses:impact_licence{s}", kwargs=org) for s in ("", "_csv", "_pdf")],
        "kpi": [reverse("courses:impact_kpi_upload", kwargs={"org_slug": w.organization.slug})],
    }


def test_access_matrix(client):
    w = world()
    add_people(w, 2)
    other_org_admin = UserFactory()
    MembershipFactory(user=other_org_admin, role=Membership.Role.ADMIN)
    member = w.people[0]
    urls = _urls(w)
    expected = {
        # who: (course report, licence report, kpi upload) status codes
        "anonymous": (302, 302, 302),
        "participant": (404, 403, 403),
        "other trainer": (404, 404, 404),
        "other org admin": (404, 404, 404),
        "trainer": (200, 404, 404),
        "org admin": (404, 200, 200),
    }
    users = {
        "participant": member,
        "other trainer": TrainerFactory(),
        "other org admin": other_org_admin,
        "trainer": w.trainer,
        "org admin": w.admin,
    }
    for who, (course_status, licence_status, kpi_status) in expected.items():
        client.logout()
        if who in users:
            client.force_login(users[who])
        for url in urls["course"]:
            assert client.get(url).status_code == course_status, (who, url)
        for url in urls["licence"]:
            assert client.get(url).status_code == licence_status, (who, url)
        assert client.get(urls["kpi"][0]).status_code == kpi_status, who


def test_cohort_report_is_for_its_trainers_only(client):
    w = world()
    cohort = make_cohort(course=w.course)
    url = reverse("courses:impact_cohort", kwargs={"pk": cohort.pk})
    client.force_login(TrainerFactory())
    assert client.get(url).status_code == 404
    client.force_login(w.admin)
    assert client.get(url).status_code == 404
    client.force_login(w.trainer)
    assert client.get(url).status_code == 200


def test_org_sees_nothing_for_a_group_of_four_and_figures_from_five(client):
    w = world()
    people = add_people(w, 4)
    for user in people:
        add_plan_with_rounds(w, user, base=3, last=5)
        add_kpi(w, user, {-2: 10, -1: 10, 1: 20, 2: 20})
        ReactionSurvey.objects.create(user=user, course=w.course, relevance=6, confidence=5, recommend=9)
    client.force_login(w.admin)
    url = _urls(w)["licence"][0]
    html = client.get(url).content.decode()
    assert html.count(WITHHELD) >= 5
    assert "3.0" not in html and "5.0" not in html and "20.0" not in html
    extra = add_people(w, 1)[0]
    add_plan_with_rounds(w, extra, base=3, last=5)
    add_kpi(w, extra, {-2: 10, -1: 10, 1: 20, 2: 20})
    ReactionSurvey.objects.create(user=extra, course=w.course, relevance=6, confidence=5, recommend=9)
    html = client.get(url).content.decode()
    assert "3.0" in html and "5.0" in html and "+2.0" in html  # observers: baseline, last round, change
    assert "6.0" in html  # relevance
    assert "A trend, not proof." in html


def test_observer_rounds_under_three_answers_do_not_count(client):
    w = world()
    for user in add_people(w, 5):
        add_plan_with_rounds(w, user, answers=2 if user.pk % 2 else 3)
    client.force_login(w.trainer)
    html = client.get(_urls(w)["course"][0]).content.decode()
    assert "Observer ratings" in html and ("No observer rounds with enough answers yet." in html or WITHHELD in html)


def test_no_individual_figure_reaches_the_organization(client):
    w = world()
    values = [11.11, 22.22, 33.33, 44.44, 55.55]
    for user, value in zip(add_people(w, 5), values, strict=True):
        add_kpi(w, user, {-1: value, 1: value + 1})
        ReactionSurvey.objects.create(
            user=user, course=w.course, relevance=7, confidence=7, recommend=10, open_answer=f"secret {user.pk}"
        )
    client.force_login(w.admin)
    for url in _urls(w)["licence"][:2]:
        body = client.get(url).content.decode("utf-8-sig")
        assert not any(str(v) in body or str(v + 1) in body for v in values), url
        assert "secret" not in body
        assert "33.33" not in body
    html = client.get(_urls(w)["licence"][0]).content.decode()
    assert "33.3" in html or "33,3" in html  # the group's average before


def test_trainer_sees_open_answers_only_from_five_people(client):
    w = world()
    for user in add_people(w, 4):
        ReactionSurvey.objects.create(
            user=user, course=w.course, relevance=5, confidence=5, recommend=8, open_answer="ask more"
        )
    client.force_login(w.trainer)
    assert "ask more" not in client.get(_urls(w)["course"][0]).content.decode()
    user = add_people(w, 1)[0]
    ReactionSurvey.objects.create(
        user=user, course=w.course, relevance=5, confidence=5, recommend=8, open_answer="ask more"
    )
    assert "ask more" in client.get(_urls(w)["course"][0]).content.decode()


def test_prepost_test_gain(client):
    w = world()
    client.force_login(w.trainer)
    url = _urls(w)["course"][0]
    assert client.post(url, {"action": "prepost", "quiz": w.quiz.pk}).status_code == 302
    assert PrePostTest.objects.get(course=w.course).quiz == w.quiz
    for user in add_people(w, 5):
        QuizAttempt.objects.create(user=user, exercise=w.quiz, number=1, score=40, passed=False, answers={})
        QuizAttempt.objects.create(user=user, exercise=w.quiz, number=2, score=70, passed=True, answers={})
    html = client.get(url).content.decode()
    assert "40.0" in html and "70.0" in html and "30.0" in html


def test_prepost_quiz_of_another_course_is_refused(client):
    w, other = world(), world()
    client.force_login(w.trainer)
    client.post(_urls(w)["course"][0], {"action": "prepost", "quiz": other.quiz.pk})
    assert not PrePostTest.objects.exists()


def test_followthrough_needs_five_people(client):
    w = world()
    plans = [add_plan_with_rounds(w, u) for u in add_people(w, 5)]
    for plan in plans[:4]:
        answer_first_checkin(plan, "yes")
    client.force_login(w.trainer)
    html = client.get(_urls(w)["course"][0]).content.decode()
    assert "Check-in 1" in html and WITHHELD in html
    answer_first_checkin(plans[4], "not_yet")
    html = client.get(_urls(w)["course"][0]).content.decode()
    assert "80%" in html and "20%" in html


def test_csv_and_pdf_exports(client):
    w = world()
    for user in add_people(w, 5):
        ReactionSurvey.objects.create(user=user, course=w.course, relevance=4, confidence=6, recommend=7)
    client.force_login(w.admin)
    csv_url, pdf_url = _urls(w)["licence"][1:]
    csv = client.get(csv_url)
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Level,Measure,Group,Value,People"
    assert "Relevance to my work,1-7,4.0,5" in text
    pdf = client.get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(40) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["trainer", "admin"])
def test_report_query_count_is_the_same_at_5_and_500_people(client, django_assert_max_num_queries, who):
    small, big = world(), world()
    for w, n in ((small, 5), (big, 500)):
        people = add_people(w, n) if n == 5 else _bulk_people(w, n)
        for user in people[:5]:
            add_plan_with_rounds(w, user)
            add_kpi(w, user, {-1: 1, 1: 2})
            ReactionSurvey.objects.create(user=user, course=w.course, relevance=4, confidence=6, recommend=7)
    counts = []
    for w in (small, big):
        client.force_login(getattr(w, who))
        counts.append(
            _queries(client, _urls(w)["course" if who == "trainer" else "licence"][0], django_assert_max_num_queries)
        )
    assert counts[0] == counts[1]


def _bulk_people(w, n):
    """n members enrolled and completed, in a few bulk queries (building 500 by factory is slow)."""
    users = UserFactory._meta.model.objects.bulk_create(
        [UserFactory._meta.model(email=f"bulk{w.course.pk}-{i}@example.com", full_name=f"P {i}") for i in range(n)]
    )
    done = timezone.now() - datetime.timedelta(days=90)
    Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=w.course, status=Enrollment.Status.COMPLETED, completed_at=done) for u in users]
    )
    Membership.objects.bulk_create([Membership(user=u, organization=w.organization) for u in users])
    w.people += users
    return users
