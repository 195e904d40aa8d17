"""Rules of quizzes, reflections, submissions and reviews, tested through the services."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.exercises import selectors as sel
from courses.exercises import services as svc
from courses.exercises.tasks import feedback_notify_participant_task, submission_notify_trainers_task
from courses.learning.selectors import progress_for_enrollments
from courses.models import (
    Enrollment,
    ExerciseCompletion,
    QuizAttempt,
    ReflectionResponse,
    Review,
    Submission,
)
from courses.reminders.models import Reminder
from tests.courses.exercises.conftest import (
    SAMPLES,
    option_ids,
    plain_zip_bytes,
    quiz_answers,
    sample,
    upload,
    world,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]


def _counts():
    return (
        QuizAttempt.objects.count(),
        ReflectionResponse.objects.count(),
        Submission.objects.count(),
        Review.objects.count(),
        ExerciseCompletion.objects.count(),
    )


def _progress(w):
    return progress_for_enrollments([w.enrollment])[w.enrollment.pk]


# --- Quiz --------------------------------------------------------------------------


def test_quiz_submit_scores_on_server_and_passes():
    w = world()
    attempt = svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    assert (attempt.score, attempt.passed, attempt.number) == (100, True, 1)
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.quiz).exists()


def test_quiz_submit_partial_multiple_choice_is_wrong():
    w = world()
    answers = quiz_answers(w.quiz, right=2)
    q2 = list(answers)[1]
    answers[q2] = answers[q2][:1]  # only one of the two correct options
    attempt = svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=answers)
    assert attempt.score == 50


def test_quiz_submit_failed_attempt_does_not_complete():
    w = world()
    w.quiz.quiz.pass_mark = 60
    w.quiz.quiz.save()
    attempt = svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=1))
    assert (attempt.score, attempt.passed) == (50, False)
    assert not ExerciseCompletion.objects.filter(exercise=w.quiz).exists()


def test_quiz_submit_unknown_option_ids_refused_and_nothing_written():
    w = world()
    answers = quiz_answers(w.quiz, right=2)
    first = list(answers)[0]
    answers[first] = [max(option_ids(w.quiz)) + 999]
    before = _counts()
    with pytest.raises(ValidationError, match="do not belong"):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=answers)
    assert _counts() == before


def test_quiz_submit_option_of_another_question_refused():
    w = world()
    answers = quiz_answers(w.quiz, right=2)
    q1, q2 = list(answers)
    answers[q1] = [answers[q2][0]]
    before = _counts()
    with pytest.raises(ValidationError):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=answers)
    assert _counts() == before


def test_quiz_submit_empty_answers_refused():
    w = world()
    before = _counts()
    with pytest.raises(ValidationError, match="answer every question"):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers={})
    with pytest.raises(ValidationError):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers={"abc": ["x"]})
    assert _counts() == before


def test_quiz_submit_two_options_on_single_choice_refused():
    w = world()
    answers = quiz_answers(w.quiz, right=2)
    q1 = list(answers)[0]
    answers[q1] = list(w.quiz.quiz.questions.get(pk=q1).options.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="exactly one"):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=answers)
    assert QuizAttempt.objects.count() == 0


def test_quiz_submit_attempt_limit():
    w = world(max_attempts=2)
    for _ in range(2):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=0))
    with pytest.raises(ValidationError, match="all your attempts"):
        svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    assert QuizAttempt.objects.count() == 2


def test_quiz_best_attempt_counts():
    w = world(max_attempts=None)
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=0))
    state = sel.quiz_state(user=w.participant, exercise=w.quiz)
    assert state.best.score == 100 and state.best.passed
    # A later failed attempt does not undo the completion.
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.quiz).exists()


# --- Reflection --------------------------------------------------------------------


def test_reflection_draft_then_submit_completes():
    w = world()
    svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text="first thoughts")
    response = sel.reflection_for(user=w.participant, exercise=w.reflection)
    assert (response.text, response.status) == ("first thoughts", "draft")
    assert not ExerciseCompletion.objects.filter(exercise=w.reflection).exists()
    svc.reflection_submit(user=w.participant, exercise=w.reflection, text="final answer")
    response.refresh_from_db()
    assert response.status == "submitted" and response.submitted_at is not None
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.reflection).exists()
    assert ReflectionResponse.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   \n ", "x" * (svc.ANSWER_MAX_CHARS + 1)])
def test_reflection_submit_empty_or_oversized_refused(text):
    w = world()
    before = _counts()
    with pytest.raises(ValidationError):
        svc.reflection_submit(user=w.participant, exercise=w.reflection, text=text)
    assert _counts() == before


def test_reflection_submitted_is_final():
    w = world()
    svc.reflection_submit(user=w.participant, exercise=w.reflection, text="final")
    with pytest.raises(ValidationError, match="already been submitted"):
        svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text="changed")
    assert ReflectionResponse.objects.get().text == "final"


def test_reflection_one_per_user_in_database():
    w = world()
    svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReflectionResponse.objects.create(user=w.participant, exercise=w.reflection, text="b")


# --- Submissions ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_submission_create_accepts_type_by_content(kind):
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="My work", file=sample(kind))
    expected = svc.FILE_TYPES[kind.split("-")[0]][0]
    assert submission.file_type == expected
    assert submission.file_name == SAMPLES[kind][0]
    assert submission.file.name.startswith("submissions/")
    assert SAMPLES[kind][0] not in submission.file.name  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.pdf", b"MZ\x90\x00 this is a windows executable"),
        ("notes.pdf", b"just some text pretending to be a PDF"),
        ("archive.pdf", plain_zip_bytes()),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_submission_create_wrong_type_renamed_pdf_refused(name, content):
    w = world()
    before = _counts()
    with pytest.raises(ValidationError, match="not accepted"):
        svc.submission_create(
            user=w.participant, exercise=w.assignment, text="x", file=upload(name, content, "application/pdf")
        )
    assert _counts() == before


def test_submission_create_file_over_10_mb_refused():
    w = world()
    big = upload("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "application/pdf")
    before = _counts()
    with pytest.raises(ValidationError, match="10 MB"):
        svc.submission_create(user=w.participant, exercise=w.assignment, text="x", file=big)
    assert _counts() == before


@pytest.mark.parametrize("text", ["", "  ", "x" * (svc.ANSWER_MAX_CHARS + 1)])
def test_submission_create_empty_or_oversized_text_refused(text):
    w = world()
    before = _counts()
    with pytest.raises(ValidationError):
        svc.submission_create(user=w.participant, exercise=w.assignment, text=text)
    assert _counts() == before


def test_submission_create_second_while_pending_refused():
    w = world()
    svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    before = _counts()
    with pytest.raises(ValidationError, match="still waiting for review"):
        svc.submission_create(user=w.participant, exercise=w.assignment, text="v2")
    assert _counts() == before


def test_submission_one_pending_enforced_in_database():
    w = world()
    svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            user=w.participant, exercise=w.assignment, course=w.course, version=2, text="v2", status="submitted"
        )


def _review(w, submission, decision="needs_revision", scores=None, reviewer=None):
    return svc.review_submit(
        reviewer=reviewer or w.trainer,
        submission=submission,
        decision=decision,
        feedback="Good start; make the question open.",
        scores=scores if scores is not None else {c.pk: 2 for c in sel.rubric_for(exercise_id=w.assignment.pk)},
    )


def test_resubmit_after_needs_revision_then_approve_completes():
    w = world()
    v1 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    _review(w, v1, "needs_revision")
    assert not ExerciseCompletion.objects.filter(exercise=w.assignment).exists()
    v2 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v2")
    assert v2.version == 2
    _review(w, v2, "approved")
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.assignment).exists()
    history = sel.submission_history(user_id=w.participant.pk, exercise_id=w.assignment.pk)
    assert [(s.version, s.status, s.review.decision) for s in history] == [
        (2, "approved", "approved"),
        (1, "needs_revision", "needs_revision"),
    ]
    with pytest.raises(ValidationError, match="already been approved"):
        svc.submission_create(user=w.participant, exercise=w.assignment, text="v3")


def test_review_submit_already_reviewed_version_refused():
    w = world()
    v1 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    _review(w, v1, "needs_revision")
    before = _counts()
    stale = Submission.objects.get(pk=v1.pk)
    with pytest.raises(ValidationError, match="already been reviewed"):
        _review(w, stale, "approved")
    assert _counts() == before
    assert Submission.objects.get(pk=v1.pk).status == "needs_revision"


@pytest.mark.parametrize(
    "bad",
    [
        {"decision": "maybe"},
        {"feedback": "  "},
        {"scores": "out_of_range"},
        {"scores": "missing"},
        {"scores": "negative"},
    ],
)
def test_review_submit_bad_input_refused(bad):
    w = world()
    v1 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    rubric = sel.rubric_for(exercise_id=w.assignment.pk)
    scores = {c.pk: 1 for c in rubric}
    if bad.get("scores") == "out_of_range":
        scores[rubric[1].pk] = rubric[1].max_score + 1
    elif bad.get("scores") == "missing":
        del scores[rubric[0].pk]
    elif bad.get("scores") == "negative":
        scores[rubric[0].pk] = -1
    before = _counts()
    with pytest.raises(ValidationError):
        svc.review_submit(
            reviewer=w.trainer,
            submission=v1,
            decision=bad.get("decision", "approved"),
            feedback=bad.get("feedback", "Fine."),
            scores=scores,
        )
    assert _counts() == before
    assert Submission.objects.get(pk=v1.pk).status == "submitted"


# --- Completion gating ---------------------------------------------------------------------


def test_required_exercises_gate_course_completion():
    w = world(with_lesson=True)
    from courses.learning.services import lesson_complete

    lesson_complete(user=w.participant, lesson=w.lesson)
    assert _progress(w).done == 1 and _progress(w).total == 4  # lesson + 3 required exercises
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=0))
    assert _progress(w).done == 1  # failed quiz does not count
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    assert _progress(w).done == 2
    svc.reflection_save_draft(user=w.participant, exercise=w.reflection, text="draft")
    assert _progress(w).done == 2  # a draft does not count
    svc.reflection_submit(user=w.participant, exercise=w.reflection, text="done")
    assert _progress(w).done == 3
    v1 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    assert _progress(w).done == 3  # submitted is not approved
    _review(w, v1, "needs_revision")
    assert _progress(w).done == 3
    v2 = svc.submission_create(user=w.participant, exercise=w.assignment, text="v2")
    _review(w, v2, "approved")
    assert _progress(w).done == 4
    w.enrollment.refresh_from_db()
    assert w.enrollment.status == Enrollment.Status.COMPLETED


def test_optional_exercises_do_not_move_progress():
    w = world(required=False, with_lesson=True)
    assert _progress(w).total == 1
    svc.quiz_submit(user=w.participant, exercise=w.quiz, answers=quiz_answers(w.quiz, right=2))
    svc.reflection_submit(user=w.participant, exercise=w.reflection, text="done")
    assert _progress(w).done == 0


# --- Emails ------------------------------------------------------------------------


def test_submission_emails_trainers_once_after_commit(django_capture_on_commit_callbacks):
    w = world()
    other_trainer = UserFactory(is_trainer=True)
    w.course.trainers.add(other_trainer)
    with django_capture_on_commit_callbacks(execute=True):
        submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([w.trainer.email, other_trainer.email])
    message = mail.outbox[0]
    assert w.assignment.title in message.subject
    assert message.alternatives and message.alternatives[0].mimetype == "text/html"
    assert f"/trainer/reviews/{submission.pk}/" in message.body
    # A redelivered task sends nothing again.
    assert submission_notify_trainers_task.delay(submission.pk).get() == 0
    assert len(mail.outbox) == 2


def test_review_emails_participant_once_after_commit(django_capture_on_commit_callbacks):
    w = world()
    submission = svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review = _review(w, submission, "needs_revision")
    assert [m.to for m in mail.outbox] == [[w.participant.email]]
    assert "make the question open" in mail.outbox[0].body
    assert feedback_notify_participant_task.delay(review.pk).get() == 0
    assert len(mail.outbox) == 1
    row = Reminder.objects.get(kind="feedback_given", object_key=f"review:{review.pk}")
    assert row.status == Reminder.Status.SENT and row.user_id == w.participant.pk


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    w = world()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == [] and Submission.objects.count() == 0
