"""Writes for quizzes: attempts (scored on the server) and the one writer of a quiz's settings,
questions and answer options.

Questions and options are updated in place: stored attempts refer to their ids, so an edit
keeps them, and removing a question or option is refused once participants have answered.
The studio editor, the exchange import and the demo loader all write through
`quiz_details_save` (an import simply sends no ids: every row is new).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.models import Option, Question, Quiz, QuizAttempt
from courses.exercises.services.common import check_kind as _check_kind
from courses.learning.models import Exercise
from courses.learning.services import exercise_mark_complete

# --- Quiz --------------------------------------------------------------------------


def quiz_score(*, questions: Sequence[Question], answers: Mapping[int, set[int]]) -> int:
    """Percent of questions answered exactly right (every correct option, no wrong one)."""
    if not questions:
        return 0
    right = sum(1 for q in questions if answers.get(q.pk, set()) == {o.pk for o in q.options.all() if o.is_correct})
    return round(100 * right / len(questions))


@transaction.atomic
def quiz_submit(*, user: User, exercise: Exercise, answers: Mapping[int | str, Sequence[int | str]]) -> QuizAttempt:
    """Score an attempt on the server and store it. Nothing is written when the input is invalid.

    `answers` maps question id to the chosen option ids. Every question must be answered, a
    single-choice question with exactly one option, and every id must belong to this quiz.
    """
    _check_kind(exercise, Exercise.Kind.QUIZ)
    # Lock the quiz row: two tabs submitting at once cannot both take the last attempt.
    quiz = Quiz.objects.select_for_update().filter(exercise=exercise).first()
    if quiz is None:
        raise ValidationError(_("This quiz has no questions yet."), code="empty")
    questions = list(quiz.questions.prefetch_related("options"))
    by_id = {q.pk: q for q in questions}
    chosen: dict[int, set[int]] = {}
    try:
        for qid, option_ids in answers.items():
            chosen[int(qid)] = {int(o) for o in option_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Your answers could not be read. Please try again."), code="invalid") from None
    unknown_q = set(chosen) - set(by_id)
    unknown_o = {
        oid
        for qid, oids in chosen.items()
        if qid in by_id
        for oid in oids
        if oid not in {o.pk for o in by_id[qid].options.all()}
    }
    if unknown_q or unknown_o:
        raise ValidationError(
            _("Some answers do not belong to this quiz. Please reload the page and try again."), code="unknown"
        )
    missing = [q for q in questions if not chosen.get(q.pk)]
    if missing:
        raise ValidationError(_("Please answer every question."), code="incomplete")
    if any(not q.multiple and len(chosen[q.pk]) != 1 for q in questions):
        raise ValidationError(_("Choose exactly one answer for single-choice questions."), code="single")
    used = QuizAttempt.objects.filter(user=user, exercise=exercise).count()
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise ValidationError(_("You have used all your attempts for this quiz."), code="no_attempts")
    score = quiz_score(questions=questions, answers=chosen)
    attempt = QuizAttempt(
        user=user,
        exercise=exercise,
        number=used + 1,
        score=score,
        passed=score >= quiz.pass_mark,
        answers={str(qid): sorted(oids) for qid, oids in chosen.items()},
    )
    attempt.full_clean(validate_constraints=False)
    attempt.save()
    if attempt.passed:
        exercise_mark_complete(user=user, exercise=exercise)
    return attempt


def quiz_has_attempts(exercise: Exercise) -> bool:
    return QuizAttempt.objects.filter(exercise=exercise).exists()


def _require_quiz(exercise: Exercise) -> None:
    if exercise.kind != Exercise.Kind.QUIZ:
        raise ValidationError(_("This exercise is not a quiz."), code="wrong_kind")


@transaction.atomic
def quiz_settings_save(
    *, exercise: Exercise, pass_mark: int, max_attempts: int | None, reveal_answers: str | None = None
) -> Quiz:
    """Create or update the quiz row of a quiz exercise (pass mark, attempt limit, when the correct
    answers are shown). `reveal_answers=None` keeps the current setting (a new quiz: the default)."""
    _require_quiz(exercise)
    quiz, _created = Quiz.objects.get_or_create(exercise=exercise)
    quiz.pass_mark, quiz.max_attempts = pass_mark, max_attempts
    if reveal_answers is not None:
        quiz.reveal_answers = reveal_answers
    quiz.full_clean()
    quiz.save()
    return quiz


def _removed_rows(existing: dict[int, Question], questions: Sequence[Mapping]) -> tuple[set[int], list[Option]]:
    """The question ids and options the editor dropped; `ValidationError` for ids not (any more) ours."""
    if {q["id"] for q in questions if q.get("id")} - set(existing):
        raise ValidationError(_("Some questions no longer exist; reload the page."), code="stale")
    kept_ids = {q["id"] for q in questions if q.get("id") and not q.get("delete")}
    removed_options: list[Option] = []
    for q in questions:
        if q.get("id") and not q.get("delete"):
            options = list(existing[q["id"]].options.all())
            if {o["id"] for o in q["options"] if o.get("id")} - {o.pk for o in options}:
                raise ValidationError(_("Some answer options no longer exist; reload the page."), code="stale")
            sent = {o["id"] for o in q["options"] if o.get("id") and o["text"].strip()}
            removed_options += [o for o in options if o.pk not in sent]
    return set(existing) - kept_ids, removed_options


def _question_write(quiz: Quiz, existing: Question | None, data: Mapping, position: int) -> None:
    question = existing or Question(quiz=quiz)
    question.text, question.multiple, question.position = data["text"], bool(data.get("multiple")), position
    question.full_clean()
    question.save()
    current = {o.pk: o for o in question.options.all()} if existing else {}
    o_pos = 0
    for o in data["options"]:
        if not o["text"].strip():
            continue
        o_pos += 10
        option = current.get(o.get("id")) or Option(question=question)
        option.text, option.is_correct = o["text"], bool(o.get("correct"))
        option.explanation, option.position = o.get("explanation", ""), o_pos
        option.full_clean()
        option.save()


@transaction.atomic
def quiz_questions_save(*, exercise: Exercise, questions: Sequence[Mapping]) -> None:
    """The one writer of questions and options: update, add and delete them in place.

    `questions`: [{"id": int|None, "delete": bool, "text", "multiple",
    "options": [{"id": int|None, "text", "correct", "explanation"}]}] in display order.
    Questions without an id are new; existing questions left out are removed. An option
    without text is removed. Removing a question or option is refused once participants
    have attempted the quiz (their stored answers refer to it).
    """
    _require_quiz(exercise)
    quiz, _created = Quiz.objects.select_for_update().get_or_create(exercise=exercise)
    existing = {q.pk: q for q in quiz.questions.prefetch_related("options")}
    removed_questions, removed_options = _removed_rows(existing, questions)
    if (removed_questions or removed_options) and quiz_has_attempts(exercise):
        raise ValidationError(
            _(
                "Participants have already taken this quiz, so questions and answer options cannot be removed "
                "(their answers refer to them). Edit the wording instead, or mark the exercise as not required."
            ),
            code="in_use",
        )
    Question.objects.filter(pk__in=removed_questions).delete()
    Option.objects.filter(pk__in=[o.pk for o in removed_options]).delete()
    kept = [q for q in questions if not q.get("delete")]
    for position, data in enumerate(kept, start=1):
        _question_write(quiz, existing.get(data.get("id")), data, position * 10)


@transaction.atomic
def quiz_details_save(*, exercise: Exercise, details: Mapping) -> None:
    """A quiz's settings and questions in the exchange shape (`{}` writes nothing), ids optional:
    `{"pass_mark", "max_attempts", "reveal_answers" (optional), "questions": [...]}` as
    `quiz_questions_save` takes them."""
    if not details:
        return
    quiz_settings_save(
        exercise=exercise,
        pass_mark=details["pass_mark"],
        max_attempts=details["max_attempts"],
        reveal_answers=details.get("reveal_answers"),
    )
    quiz_questions_save(exercise=exercise, questions=details["questions"])


@transaction.atomic
def quiz_save(*, exercise: Exercise, pass_mark: int, max_attempts: int | None, questions: Sequence[Mapping]) -> Quiz:
    """Create or replace a quiz's details (questions without ids replace the existing ones).

    `questions`: [{"text", "multiple", "options": [{"text", "correct", "explanation"}]}].
    """
    _check_kind(exercise, Exercise.Kind.QUIZ)
    quiz_details_save(
        exercise=exercise, details={"pass_mark": pass_mark, "max_attempts": max_attempts, "questions": questions}
    )
    return Quiz.objects.get(exercise=exercise)
