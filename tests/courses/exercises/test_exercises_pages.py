"""Exercise pages, the review queue and review detail, through the test client."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from courses.exercises import services as svc
from courses.models import ExerciseCompletion, QuizAttempt, ReflectionResponse, Review, Submission
from tests.courses.exercises.conftest import (
    option_ids,
    quiz_answers,
    sample,
    session_queries,
    upload,
    world,
)
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db]


def _counts():
    return (
        QuizAttempt.objects.count(),
        ReflectionResponse.objects.count(),
        Submission.objects.count(),
        Review.objects.count(),
        ExerciseCompletion.objects.count(),
    )


def _post_data(answers):
    return {f"q_{qid}": oids for qid, oids in answers.items()}


# --- Quiz ---------------------------------------------------------------------------


def test_quiz_page_does_not_ship_correct_answers(client):
    w = world()
    client.force_login(w.participant)
    html = client.get(w.quiz.get_absolute_url()).text
    assert "What did you notice?" in html and "Send the agenda ahead." in html
    assert "EXPLAIN-" not in html  # no explanations before submitting
    assert "correct" not in html.lower()  # no class, attribute or badge marking the right options
    # Options appear in author order, not grouped by correctness, and carry only their ids.
    for option_id in option_ids(w.quiz):
        assert f'value="{option_id}"' in html


def test_quiz_post_shows_result_with_explanations_score_and_attempts_left(client):
    w = world(max_attempts=3)
    client.force_login(w.participant)
    response = client.post(w.quiz.get_absolute_url(), _post_data(quiz_answers(w.quiz, right=1)), follow=True)
    html = response.text
    assert response.status_code == 200
    assert "50%" in html and "Passed" in html  # pass mark is 50 in these tests
    assert "EXPLAIN-OPEN-QUESTION" in html and "EXPLAIN-OWNERSHIP" in html
    assert "Right" in html and "Wrong" in html
    assert re.search(r"2 attempts left", html)
    assert QuizAttempt.objects.get().score == 50


def test_quiz_post_unknown_option_shows_error_and_changes_nothing(client):
    w = world()
    client.force_login(w.participant)
    data = _post_data(quiz_answers(w.quiz, right=2))
    first = next(iter(data))
    data[first] = [str(max(option_ids(w.quiz)) + 50)]
    before = _counts()
    response = client.post(w.quiz.get_absolute_url(), data)
    assert response.status_code == 400
    assert "do not belong to this quiz" in response.text
    assert _counts() == before


def test_quiz_post_empty_shows_error(client):
    w = world()
    client.force_login(w.participant)
    response = client.post(w.quiz.get_absolute_url(), {})
    assert response.status_code == 400 and "Please answer every question" in response.text
    assert QuizAttempt.objects.count() == 0


def test_quiz_no_attempts_left_hides_form(client):
    w = world(max_attempts=1)
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=0))
    client.force_login(w.participant)
    html = client.get(w.quiz.get_absolute_url()).text
    assert "used all your attempts" in html and 'name="q_' not in html


# --- Reflection ------------------------------------------------------------------------


def test_reflection_form_works_without_javascript(client):
    w = world()
    client.force_login(w.participant)
    url = w.reflection.get_absolute_url()
    response = client.post(url, {"text": "draft words", "action": "draft"}, follow=True)
    assert "Your draft has been saved" in response.text and "draft words" in response.text
    assert ReflectionResponse.objects.get().status == "draft"
    response = client.post(url, {"text": "final words", "action": "submit"}, follow=True)
    assert "Your reflection has been submitted" in response.text
    assert ReflectionResponse.objects.get().status == "submitted"
    assert 'name="text"' not in response.text  # read-only once submitted


def test_reflection_submit_empty_shows_error(client):
    w = world()
    client.force_login(w.participant)
    response = client.post(w.reflection.get_absolute_url(), {"text": "  ", "action": "submit"})
    assert response.status_code == 400 and "Please write your answer" in response.text
    assert ReflectionResponse.objects.count() == 0


def test_reflection_draft_endpoint_autosaves(client):
    w = world()
    client.force_login(w.participant)
    url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    response = client.post(url, {"text": "autosaved"})
    assert response.status_code == 200 and response.json()["ok"] is True
    assert ReflectionResponse.objects.get().text == "autosaved"
    too_long = client.post(url, {"text": "x" * (svc.ANSWER_MAX_CHARS + 1)})
    assert too_long.status_code == 400 and "too long" in too_long.json()["error"]
    assert ReflectionResponse.objects.get().text == "autosaved"
    assert client.get(url).status_code == 405


def test_reflection_page_loads_autosave_script_with_nonce(client):
    w = world()
    client.force_login(w.participant)
    html = client.get(w.reflection.get_absolute_url()).text
    assert re.search(r'<script src="[^"]*js/exercises\.js" defer nonce="[^"]+">', html)
    assert 'data-autosave-url="/courses/' in html


# --- Assignment --------------------------------------------------------------------------


def test_assignment_submit_with_file_and_resubmit_flow(client):
    w = world()
    client.force_login(w.participant)
    url = w.assignment.get_absolute_url()
    response = client.post(url, {"text": "version one", "file": sample("docx")}, follow=True)
    assert "Your work has been submitted" in response.text
    assert "waiting for review" in response.text and 'id="submission-form"' not in response.text
    submission = Submission.objects.get()
    assert submission.file_name == "work.docx" and submission.file_url() in response.text
    # The trainer asks for a revision from the review page.
    client.force_login(w.trainer)
    rubric = list(w.assignment.rubric_criteria.all())
    data = {f"score_{c.pk}": "2" for c in rubric} | {"decision": "needs_revision", "feedback": "Open it up."}
    response = client.post(reverse("courses:review_detail", args=[submission.pk]), data, follow=True)
    assert "Your review has been saved" in response.text
    # The participant sees the feedback and resubmits.
    client.force_login(w.participant)
    html = client.get(url).text
    assert "Open it up." in html and "Submit a revised version" in html and "Total: 4 / 7" in html
    client.post(url, {"text": "version two"})
    assert list(Submission.objects.order_by("version").values_list("version", "status")) == [
        (1, "needs_revision"),
        (2, "submitted"),
    ]


def test_assignment_wrong_type_renamed_pdf_shows_error(client):
    w = world()
    client.force_login(w.participant)
    before = _counts()
    fake = upload("cv.pdf", b"GIF89a not a pdf at all", "application/pdf")
    response = client.post(w.assignment.get_absolute_url(), {"text": "my work", "file": fake})
    assert response.status_code == 400 and "This file type is not accepted" in response.text
    assert "my work" in response.text  # the typed answer is kept
    assert _counts() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Please write your answer"),
        ({"text": "x" * (svc.ANSWER_MAX_CHARS + 1)}, "too long"),
        ({"text": "ok", "file": "big"}, "larger than 10 MB"),
    ],
)
def test_assignment_bad_input_shows_error_and_changes_nothing(client, data, message):
    w = world()
    client.force_login(w.participant)
    if data.get("file") == "big":
        data = data | {"file": upload("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "application/pdf")}
    before = _counts()
    response = client.post(w.assignment.get_absolute_url(), data)
    assert response.status_code == 400 and message in response.text
    assert _counts() == before


def test_assignment_second_submit_while_pending_shows_error(client):
    w = world()
    svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    client.force_login(w.participant)
    before = _counts()
    response = client.post(w.assignment.get_absolute_url(), {"text": "v2"})
    assert response.status_code == 400 and "still waiting for review" in response.text
    assert _counts() == before


def test_review_detail_already_reviewed_version_shows_error(client):
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    rubric = list(w.assignment.rubric_criteria.all())
    data = {f"score_{c.pk}": "3" for c in rubric} | {"decision": "approved", "feedback": "Great."}
    client.force_login(w.trainer)
    url = reverse("courses:review_detail", args=[submission.pk])
    client.post(url, data)
    before = _counts()
    mail.outbox.clear()
    response = client.post(url, data | {"decision": "needs_revision", "feedback": "Second opinion"})
    assert response.status_code == 400 and "already been reviewed" in response.text
    assert _counts() == before and mail.outbox == []
    assert Review.objects.get().feedback == "Great."


def test_review_detail_score_out_of_range_shows_error(client):
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    rubric = list(w.assignment.rubric_criteria.all())
    data = {f"score_{c.pk}": "9" for c in rubric} | {"decision": "approved", "feedback": "Great."}
    client.force_login(w.trainer)
    response = client.post(reverse("courses:review_detail", args=[submission.pk]), data)
    assert response.status_code == 400 and "must be between 0 and" in response.text
    assert Review.objects.count() == 0


def test_exercise_detail_plan_shows_the_plan_partial(client):
    w = world()
    client.force_login(w.participant)
    response = client.get(w.plan.get_absolute_url())
    used = {t.name for t in response.templates}
    assert "courses/followup/includes/exercise_plan.html" in used
    assert "courses/exercises/includes/exercise_placeholder.html" not in used
    # The plan entry has no page hook: the plan is made on its own page, so POST is refused.
    assert client.post(w.plan.get_absolute_url()).status_code == 405


def test_exercise_detail_kind_without_entry_shows_the_placeholder(client, monkeypatch):
    from courses.exercises import kinds

    monkeypatch.delitem(kinds.KINDS, "plan")
    w = world()
    client.force_login(w.participant)
    response = client.get(w.plan.get_absolute_url())
    used = {t.name for t in response.templates}
    assert "courses/exercises/includes/exercise_placeholder.html" in used
    assert "courses/followup/includes/exercise_plan.html" not in used
    assert client.post(w.plan.get_absolute_url()).status_code == 405


def test_exercise_page_shows_course_progress(client):
    w = world()
    client.force_login(w.participant)
    html = client.get(w.quiz.get_absolute_url()).text
    assert "Course progress: 0%" in html
    svc.reflection_submit(user=w.participant, exercise=w.reflection, text="done")
    html = client.get(w.quiz.get_absolute_url()).text
    assert "Course progress: 33%" in html


# --- Review queue ------------------------------------------------------------------------


def test_review_queue_oldest_first_filters_and_nav_link(client):
    w = world()
    other = world()
    first = svc.submission_create(user=w.participant, exercise=w.assignment, text="first")
    other.course.trainers.add(w.trainer)
    second = svc.submission_create(user=other.participant, exercise=other.assignment, text="second")
    client.force_login(w.trainer)
    html = client.get(reverse("courses:review_queue")).text
    assert f'href="{reverse("courses:review_queue")}"' in html  # nav link "Reviews"
    first_url = reverse("courses:review_detail", args=[first.pk])
    second_url = reverse("courses:review_detail", args=[second.pk])
    assert html.index(first_url) < html.index(second_url)
    filtered = client.get(reverse("courses:review_queue"), {"course": other.course.pk}).text
    assert second_url in filtered and first_url not in filtered
    approved = client.get(reverse("courses:review_queue"), {"state": "approved"}).text
    assert "Nothing is waiting" in approved


def test_review_queue_paginates_by_25(client):
    w = world()
    _bulk_pending(w, 30)
    client.force_login(w.trainer)
    page1 = client.get(reverse("courses:review_queue")).text
    page2 = client.get(reverse("courses:review_queue"), {"page": 2}).text
    assert len(re.findall(r'href="/trainer/reviews/\d+/"', page1)) == 25
    assert len(re.findall(r'href="/trainer/reviews/\d+/"', page2)) == 5
    assert "Page 2 of 2" in page2


def test_nav_has_no_reviews_link_for_participants(client):
    w = world()
    client.force_login(w.participant)
    assert reverse("courses:review_queue") not in client.get(w.quiz.get_absolute_url()).text


# --- Query counts ------------------------------------------------------------------------


def _bulk_pending(w, n):
    """n waiting submissions by n different participants on the world's assignment."""
    from accounts.models import User
    from courses.models import Enrollment

    users = User.objects.bulk_create([User(email=f"bulk{n}-{i}@example.com", full_name=f"Bulk {i}") for i in range(n)])
    Enrollment.objects.bulk_create([Enrollment(user=u, course=w.course) for u in users])
    Submission.objects.bulk_create(
        [Submission(user=u, exercise=w.assignment, course=w.course, version=1, text="t") for u in users]
    )


def _bulk_history(w, n):
    """n reviewed versions by the world's participant, the newest waiting."""
    subs = Submission.objects.bulk_create(
        [
            Submission(
                user=w.participant,
                exercise=w.assignment,
                course=w.course,
                version=v,
                text=f"v{v}",
                status="needs_revision" if v < n else "submitted",
            )
            for v in range(1, n + 1)
        ]
    )
    rubric = list(w.assignment.rubric_criteria.all())
    Review.objects.bulk_create(
        [
            Review(
                submission=s,
                reviewer=w.trainer,
                feedback="again",
                decision="needs_revision",
                scores={str(c.pk): 1 for c in rubric},
            )
            for s in subs
            if s.status == "needs_revision"
        ]
    )
    QuizAttempt.objects.bulk_create(
        [
            QuizAttempt(user=w.participant, exercise=w.quiz, number=i, score=50, passed=True, answers={})
            for i in range(1, n + 1)
        ]
    )
    return subs[-1]


# Queries every exercise page makes, whatever the kind:
#  session (db sessions only), 1 user, 2 exercise with course and module, 3 is-trainer check, 4 enrollment check,
#  then after the kind's own queries: enrollment for the progress bar, four progress counts
#  (required lessons, required exercises, lessons done, exercises done), the "done" badge.
COMMON_EXERCISE_QUERIES = 4 + 1 + 4 + 1
KIND_QUERIES = {
    "quiz": 4,  # quiz details, questions, options (prefetch), the user's attempts
    "reflection": 1,  # the user's response
    "assignment": 4,  # rubric, the user's versions with review and reviewer joined, their peer reviews,
    # the user's own open peer reviews of this exercise
}


@pytest.mark.parametrize("state", ["submitted", "all"])
@pytest.mark.parametrize("n", [5, 200])
def test_review_queue_query_count_flat(client, django_assert_num_queries, n, state):
    w = world()
    _bulk_pending(w, n)
    client.force_login(w.trainer if state == "submitted" else StaffFactory())
    # session (db sessions only), 1 user, 2 courses for the filter, 3 paginator count,
    # 4 the page of submissions with participant, exercise and course joined.
    with django_assert_num_queries(session_queries() + 4):
        response = client.get(reverse("courses:review_queue"), {"state": state})
    assert len(re.findall(r'href="/trainer/reviews/\d+/"', response.text)) == min(n, 25)


@pytest.mark.parametrize("kind", ["quiz", "reflection", "assignment"])
@pytest.mark.parametrize("n", [5, 200])
def test_exercise_pages_query_count_flat(client, django_assert_num_queries, kind, n):
    w = world()
    _bulk_history(w, n)  # n quiz attempts and n assignment versions with reviews
    _bulk_pending(w, n)  # n other participants' submissions
    client.force_login(w.participant)
    url = getattr(w, kind).get_absolute_url()
    with django_assert_num_queries(session_queries() + COMMON_EXERCISE_QUERIES + KIND_QUERIES[kind]):
        response = client.get(url)
    assert response.status_code == 200
    if kind == "assignment":
        assert f'data-testid="version-{n}"' in response.text and 'data-testid="version-1"' in response.text


@pytest.mark.parametrize("n", [5, 200])
def test_review_detail_query_count_flat(client, django_assert_num_queries, n):
    w = world()
    newest = _bulk_history(w, n)
    client.force_login(w.trainer)
    url = reverse("courses:review_detail", args=[newest.pk])
    # session (db sessions only), 1 user, 2 submission with participant, exercise, course and
    # review joined (the trainer check is part of its WHERE), 3 rubric, 4 every version with its
    # review and reviewer, 5 the done peer reviews of every version.
    with django_assert_num_queries(session_queries() + 5):
        response = client.get(url)
    # the version itself, then the n - 1 earlier ones (it is not shown twice)
    assert response.text.count('class="panel submission"') == n


def test_kind_hook_plugs_into_exercise_detail(client, monkeypatch):
    """A kind's page hook (its entry in the kinds table) adds context or answers the request."""
    from dataclasses import replace

    from django.http import HttpResponseRedirect

    from courses.exercises import kinds

    calls = []

    def plan_hook(request, exercise):
        calls.append((request.method, exercise.slug))
        if request.method == "POST":
            return HttpResponseRedirect(exercise.get_absolute_url())
        return {"plan_items": ["one"]}

    monkeypatch.setitem(kinds.KINDS, "plan", replace(kinds.KINDS["plan"], page=plan_hook))
    w = world()
    client.force_login(w.participant)
    assert client.get(w.plan.get_absolute_url()).context["plan_items"] == ["one"]
    assert client.post(w.plan.get_absolute_url()).status_code == 302
    assert calls == [("GET", "plan"), ("POST", "plan")]
