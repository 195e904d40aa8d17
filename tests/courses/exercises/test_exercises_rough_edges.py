"""Rough edges a new participant hit on exercise pages (issue 14): the order of feedback and
the resubmission form, and what a quiz result reveals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Quiz, ReflectionResponse, Submission
from tests.courses.exercises.conftest import quiz_answers, world

pytestmark = [pytest.mark.django_db]


def test_needs_revision_feedback_sits_above_the_resubmission_form(client):
    """The feedback used to be at the bottom of the page, below the form that asks for a revision."""
    w = world()
    client.force_login(w.participant)
    url = w.assignment.get_absolute_url()
    client.post(url, {"text": "version one"})
    submission = Submission.objects.get()
    client.force_login(w.trainer)
    rubric = list(w.assignment.rubric_criteria.all())
    data = {f"score_{c.pk}": "2" for c in rubric} | {"decision": "needs_revision", "feedback": "FEEDBACK-OPEN-IT-UP"}
    client.post(reverse("courses:review_detail", args=[submission.pk]), data)
    client.force_login(w.participant)
    html = client.get(url).text
    assert html.count("FEEDBACK-OPEN-IT-UP") == 1  # shown once, not again in the history
    assert 'id="submission-form"' in html
    assert html.index("FEEDBACK-OPEN-IT-UP") < html.index('id="submission-form"')


# --- Quiz results: the correct answers only after a pass or the last attempt --------------------

CORRECT_TEXTS = ("What did you notice?", "Polite agreement.", "Dependency.")  # conftest QUESTIONS


def _attempt(client, w, *, right: int) -> str:
    data = {f"q_{qid}": oids for qid, oids in quiz_answers(w.quiz, right=right).items()}
    return client.post(w.quiz.get_absolute_url(), data, follow=True).text


def test_quiz_failed_attempt_with_attempts_left_hides_the_correct_answers(client):
    """The result page used to list every option with the correct ones marked, so a participant
    could pass the next attempt by copying them."""
    w = world(max_attempts=3)
    client.force_login(w.participant)
    html = _attempt(client, w, right=0)  # both questions wrong: 0%, pass mark 50
    assert 'data-testid="quiz-failed"' in html
    for text in CORRECT_TEXTS:
        assert text not in html
    assert "EXPLAIN-OPEN-QUESTION" not in html and "EXPLAIN-AGREE" not in html  # explanations of unchosen options
    # What the participant chose, that it was wrong, and why: the explanations of their own options.
    assert "Send the agenda ahead." in html and "EXPLAIN-ADVICE" in html and "EXPLAIN-OWNERSHIP" in html
    assert html.count(">Wrong<") == 2
    assert 'data-testid="answers-hidden"' in html


def test_quiz_correct_answers_are_shown_after_a_pass(client):
    w = world(max_attempts=3)
    client.force_login(w.participant)
    _attempt(client, w, right=0)
    html = _attempt(client, w, right=1)  # 50%: passed
    assert 'data-testid="quiz-passed"' in html
    for text in CORRECT_TEXTS:
        assert text in html
    assert "EXPLAIN-OPEN-QUESTION" in html


def test_quiz_correct_answers_are_shown_after_the_last_attempt(client):
    w = world(max_attempts=1)
    client.force_login(w.participant)
    html = _attempt(client, w, right=0)
    assert 'data-testid="quiz-failed"' in html
    assert all(text in html for text in CORRECT_TEXTS)


@pytest.mark.parametrize(("setting", "after_fail", "after_pass"), [("always", True, True), ("never", False, False)])
def test_quiz_reveal_setting_overrides_the_default(client, setting, after_fail, after_pass):
    w = world(max_attempts=3)
    Quiz.objects.filter(exercise=w.quiz).update(reveal_answers=setting)
    client.force_login(w.participant)
    assert ("What did you notice?" in _attempt(client, w, right=0)) is after_fail
    # 50% passes; the second question is still wrong and its correct options were not chosen.
    assert ("Polite agreement." in _attempt(client, w, right=1)) is after_pass


# --- Reflection autosave racing the submission ---------------------------------------------------


def test_late_autosave_of_a_submitted_reflection_is_not_refused(client):
    """A draft the browser sent while the form was being submitted used to get a 400; it now
    gets 200 saying the reflection is submitted, and the submitted text stays as it was."""
    w = world()
    client.force_login(w.participant)
    client.post(w.reflection.get_absolute_url(), {"text": "final words", "action": "submit"})
    url = reverse("courses:exercise_draft", args=[w.course.slug, w.reflection.slug])
    response = client.post(url, {"text": "final wor"})
    assert response.status_code == 200
    assert response.json() == {"ok": True, "submitted": True, "saved_at": None}
    reflection = ReflectionResponse.objects.get()
    assert (reflection.status, reflection.text) == ("submitted", "final words")
