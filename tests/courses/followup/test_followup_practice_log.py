"""The coaching practice log: identifying names refused, streaks and counts, sharing, completion."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.followup.selectors import practice_stats
from courses.followup.services import practice_log_entry_create, practice_log_member_problem
from courses.models import Exercise, ExerciseCompletion, FollowupShare, PracticeLogEntry
from tests.courses.followup.conftest import participant  # noqa: F401
from tests.factories import PASSWORD, CourseFactory, ExerciseFactory, ModuleFactory

pytestmark = pytest.mark.django_db


def _entry(**overrides):
    data = {
        "date": timezone.localdate().isoformat(),
        "member": "J.K.",
        "topic": "Thin pipeline",
        "technique": "miracle_question",
        "question": "Suppose a miracle happens tonight...",
        "outcome": "He would call lookalike companies.",
        "next_step": "List ten companies.",
        "talk_ratio": "30",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "member", ["Jan Jansen", "Mary van der Berg", "Anna-Lena Schmidt", "Sean O’Brien", "jan@example.com", "a.b@firm.nl"]
)
def test_practice_log_member_problem_flags_names_and_emails(member):
    assert practice_log_member_problem(member) is not None


@pytest.mark.parametrize("member", ["J.K.", "M.d.V.", "J K", "Rep Falcon", "Sanne", "AB", "rep 7", "Coachee Blue"])
def test_practice_log_member_problem_allows_initials_and_pseudonyms(member):
    assert practice_log_member_problem(member) is None


def test_practice_log_form_warns_on_full_name_and_accepts_fix(client):
    course = CourseFactory()
    user = participant(course)
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:practice_log_create")
    for member in ("Jan Jansen", "jan.jansen@example.com"):
        response = client.post(url, _entry(member=member))
        assert response.status_code == 200
        body = response.content.decode()
        assert "initials" in body and 'class="notice" role="alert"' in body
        # What was typed is kept, so the participant can fix just that field.
        assert "Thin pipeline" in body
    assert not PracticeLogEntry.objects.exists()
    response = client.post(url, _entry(member="J.J."))
    assert response.status_code == 302
    assert PracticeLogEntry.objects.get(user=user).member == "J.J."


def test_practice_log_service_refuses_identifying_member():
    course = CourseFactory()
    user = participant(course)
    with pytest.raises(ValidationError) as exc:
        practice_log_entry_create(
            user=user,
            date=timezone.localdate(),
            member="Peter Pan",
            topic="t",
            technique="grow",
            question="q",
            outcome="o",
            next_step="n",
            talk_ratio=20,
        )
    assert "member" in exc.value.message_dict


def test_practice_log_refuses_bad_talk_ratio_and_future_date(client):
    user = participant(CourseFactory())
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:practice_log_create")
    assert "less than or equal to 100" in client.post(url, _entry(talk_ratio="101")).content.decode()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "cannot be in the future" in client.post(url, _entry(date=tomorrow)).content.decode()
    assert not PracticeLogEntry.objects.exists()


def test_practice_stats_streaks_and_counts():
    today = datetime.date(2026, 11, 25)  # a Wednesday
    week = datetime.timedelta(weeks=1)
    rows = [
        (today, "miracle_question"),
        (today - week, "scaling"),
        (today - 2 * week, "miracle_question"),
        (today - 2 * week, "grow"),
        (today - 5 * week, "other"),
        (today - 6 * week, "other"),
        (today - 7 * week, "other"),
        (today - 8 * week, "other"),
    ]
    stats = practice_stats(dates_and_techniques=rows, today=today)
    assert stats.total == 8
    assert stats.current_streak == 3
    assert stats.longest_streak == 4
    assert stats.per_week[-1] == (datetime.date(2026, 11, 23), 1)
    assert stats.per_week[-3][1] == 2 and len(stats.per_week) == 8
    assert dict((k, n) for k, _label, n in stats.per_technique) == {
        "miracle_question": 2,
        "scaling": 1,
        "grow": 1,
        "other": 4,
    }


def test_practice_stats_streak_counts_from_last_week_when_this_week_is_empty():
    today = datetime.date(2026, 11, 25)
    rows = [(today - datetime.timedelta(weeks=1), "grow"), (today - datetime.timedelta(weeks=2), "grow")]
    assert practice_stats(dates_and_techniques=rows, today=today).current_streak == 2
    rows = [(today - datetime.timedelta(weeks=2), "grow")]
    assert practice_stats(dates_and_techniques=rows, today=today).current_streak == 0


def test_practice_log_completes_exercise_after_three_entries():
    course = CourseFactory()
    exercise = ExerciseFactory(module=ModuleFactory(course=course), kind=Exercise.Kind.PRACTICE_LOG)
    user = participant(course)
    for i in range(3):
        assert not ExerciseCompletion.objects.filter(user=user, exercise=exercise).exists()
        practice_log_entry_create(
            user=user,
            course=course,
            date=timezone.localdate(),
            member=f"R{i}",
            topic="t",
            technique="miracle_question",
            question="q",
            outcome="o",
            next_step="n",
            talk_ratio=20,
        )
    assert ExerciseCompletion.objects.filter(user=user, exercise=exercise).exists()


def test_practice_log_share_with_course_trainers(client):
    course = CourseFactory()
    user = participant(course)
    client.login(email=user.email, password=PASSWORD)
    url = reverse("courses:followup_share")
    assert client.post(url, {"course": course.slug, "shared": "1"}).status_code == 302
    assert FollowupShare.objects.filter(user=user, course=course).exists()
    client.post(url, {"course": course.slug, "shared": "0"})
    assert not FollowupShare.objects.exists()
    # Not enrolled in that course: refused.
    other = CourseFactory()
    assert client.post(url, {"course": other.slug, "shared": "1"}).status_code == 404
    assert not FollowupShare.objects.exists()


def test_practice_log_edit_and_delete_by_owner(client):
    user = participant(CourseFactory())
    entry = practice_log_entry_create(
        user=user,
        date=timezone.localdate(),
        member="J.K.",
        topic="t",
        technique="grow",
        question="q",
        outcome="o",
        next_step="n",
        talk_ratio=20,
    )
    client.login(email=user.email, password=PASSWORD)
    response = client.post(reverse("courses:practice_log_update", args=[entry.pk]), _entry(member="Piet Pieters"))
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.member == "J.K."
    client.post(reverse("courses:practice_log_update", args=[entry.pk]), _entry(member="P.P.", topic="New"))
    entry.refresh_from_db()
    assert (entry.member, entry.topic) == ("P.P.", "New")
    assert client.post(reverse("courses:practice_log_delete", args=[entry.pk])).status_code == 302
    assert not PracticeLogEntry.objects.exists()
