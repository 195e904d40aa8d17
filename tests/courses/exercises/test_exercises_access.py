"""Access matrix for every exercise, submission, review and file URL.

Refused: anonymous (sent to log in), another participant, a trainer of another course, a
participant not enrolled, and the participant's own organization admin. Allowed: the owner
(where it is theirs), the course's trainers, staff.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Membership
from courses.exercises import services as svc
from courses.learning.services import enrollment_create
from tests.courses.exercises.conftest import (
    sample,
    world,
)
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db]


SECRET = "MY-PRIVATE-REFLECTION-TEXT"
WORK = "MY-PRIVATE-ASSIGNMENT-TEXT"


@pytest.fixture
def w():
    w = world()
    svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text=SECRET)
    w.submission = svc.submission_create(user=w.participant, exercise=w.assignment, text=WORK, file=sample("pdf"))
    # Another participant enrolled in the same course.
    w.other_participant = UserFactory()
    enrollment_create(user=w.other_participant, course=w.course)
    # A trainer of another course.
    w.other_trainer = TrainerFactory()
    CourseFactory(trainers=[w.other_trainer])
    w.not_enrolled = UserFactory()
    w.staff = StaffFactory()
    org = OrganizationFactory()
    MembershipFactory(user=w.participant, organization=org, role=Membership.Role.MEMBER)
    w.org_admin = UserFactory()
    MembershipFactory(user=w.org_admin, organization=org, role=Membership.Role.ADMIN)
    return w


def _exercise_urls(w):
    return [e.get_absolute_url() for e in (w.quiz, w.reflection, w.assignment, w.plan)]


def _assert_refused(response):
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code in (403, 404), response.status_code


def test_exercise_pages_anonymous_sent_to_login(client, w):
    for url in _exercise_urls(w):
        _assert_refused(client.get(url))
        assert client.get(url).status_code == 302
        _assert_refused(client.post(url, {"text": "x"}))


@pytest.mark.parametrize("who", ["not_enrolled", "other_trainer", "org_admin"])
def test_exercise_pages_refused(client, w, who):
    client.force_login(getattr(w, who))
    for url in _exercise_urls(w):
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "x", "action": "draft"}).status_code == 404
    draft_url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    assert client.post(draft_url, {"text": "x"}).status_code == 404


def test_exercise_pages_cancelled_enrollment_refused(client, w):
    w.enrollment.status = "cancelled"
    w.enrollment.save()
    client.force_login(w.participant)
    assert client.get(w.quiz.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["participant", "trainer", "staff"])
def test_exercise_pages_allowed(client, w, who):
    client.force_login(getattr(w, who))
    for url in _exercise_urls(w):
        assert client.get(url).status_code == 200


def test_exercise_pages_another_participant_sees_only_own_work(client, w):
    client.force_login(w.other_participant)
    reflection = client.get(w.reflection.get_absolute_url())
    assignment = client.get(w.assignment.get_absolute_url())
    assert reflection.status_code == assignment.status_code == 200
    assert SECRET not in reflection.text
    assert WORK not in assignment.text
    assert w.submission.file_url() not in assignment.text


def test_exercise_draft_anonymous_refused(client, w):
    url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    _assert_refused(client.post(url, {"text": "x"}))


@pytest.mark.parametrize("who", ["anonymous", "other_participant", "other_trainer", "not_enrolled", "org_admin"])
def test_submission_file_refused(client, w, who):
    if who != "anonymous":
        client.force_login(getattr(w, who))
    response = client.get(w.submission.file_url())
    _assert_refused(response)


@pytest.mark.parametrize("who", ["participant", "trainer", "staff"])
def test_submission_file_allowed(client, w, who):
    client.force_login(getattr(w, who))
    response = client.get(w.submission.file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and "work.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    "who", ["anonymous", "participant", "other_participant", "other_trainer", "not_enrolled", "org_admin"]
)
def test_review_detail_refused(client, w, who):
    url = reverse("courses:review_detail", args=[w.submission.pk])
    if who != "anonymous":
        client.force_login(getattr(w, who))
    _assert_refused(client.get(url))
    _assert_refused(client.post(url, {"decision": "approved", "feedback": "x"}))
    w.submission.refresh_from_db()
    assert w.submission.status == "submitted"


@pytest.mark.parametrize("who", ["trainer", "staff"])
def test_review_detail_allowed(client, w, who):
    client.force_login(getattr(w, who))
    response = client.get(reverse("courses:review_detail", args=[w.submission.pk]))
    assert response.status_code == 200
    assert WORK in response.text


@pytest.mark.parametrize("who", ["anonymous", "participant", "not_enrolled", "org_admin"])
def test_review_queue_refused(client, w, who):
    if who != "anonymous":
        client.force_login(getattr(w, who))
    _assert_refused(client.get(reverse("courses:review_queue")))


def test_review_queue_trainer_of_another_course_sees_nothing_of_it(client, w):
    client.force_login(w.other_trainer)
    response = client.get(reverse("courses:review_queue"))
    assert response.status_code == 200
    assert w.participant.full_name not in response.text
    assert reverse("courses:review_detail", args=[w.submission.pk]) not in response.text


@pytest.mark.parametrize("who", ["trainer", "staff"])
def test_review_queue_lists_for_course_trainer_and_staff(client, w, who):
    client.force_login(getattr(w, who))
    response = client.get(reverse("courses:review_queue"))
    assert reverse("courses:review_detail", args=[w.submission.pk]) in response.text
