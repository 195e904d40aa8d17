"""Writes for quizzes, reflections and practice assignments (submissions and reviews).

Completion: a quiz counts when passed, a reflection when submitted, an assignment when
approved; each calls `exercise_mark_complete`. Emails go out through Celery after commit
(courses.exercises.tasks), each sent once thanks to a conditional UPDATE on *_notified_at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

import courses.exercises.tasks as tasks  # registers the Celery tasks wherever services are loaded
from accounts.models import User
from courses.exercises.models import (
    Option,
    Question,
    Quiz,
    QuizAttempt,
    ReflectionResponse,
    Review,
    RubricCriterion,
    Submission,
)
from courses.learning.models import Exercise
from courses.learning.services import exercise_mark_complete
from lms.uploads import sniff

ANSWER_MAX_CHARS = 20_000
FEEDBACK_MAX_CHARS = 20_000
FILE_MAX_BYTES = 10 * 1024 * 1024

# Types accepted for an assignment file, detected by content. The value is what we serve it as.
FILE_TYPES = {
    "pdf": ("application/pdf", ".pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "png": ("image/png", ".png"),
    "jpeg": ("image/jpeg", ".jpg"),
    "mp3": ("audio/mpeg", ".mp3"),
    "m4a": ("audio/mp4", ".m4a"),
    "ogg": ("audio/ogg", ".ogg"),
    "wav": ("audio/wav", ".wav"),
    "webm": ("audio/webm", ".webm"),
}


def _check_kind(exercise: Exercise, kind: str) -> None:
    if exercise.kind != kind:
        raise ValidationError(_("This exercise is not of that kind."), code="wrong_kind")


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


@transaction.atomic
def quiz_save(*, exercise: Exercise, pass_mark: int, max_attempts: int | None, questions: Sequence[Mapping]) -> Quiz:
    """Create or replace a quiz's details.

    `questions`: [{"text", "multiple", "options": [{"text", "correct", "explanation"}]}].
    """
    _check_kind(exercise, Exercise.Kind.QUIZ)
    quiz, _created = Quiz.objects.get_or_create(exercise=exercise)
    quiz.pass_mark = pass_mark
    quiz.max_attempts = max_attempts
    quiz.full_clean()
    quiz.save()
    quiz.questions.all().delete()
    for qpos, qdata in enumerate(questions, start=1):
        question = Question(quiz=quiz, text=qdata["text"], multiple=bool(qdata.get("multiple")), position=qpos * 10)
        question.full_clean()
        question.save()
        options = [
            Option(
                question=question,
                text=o["text"],
                is_correct=bool(o.get("correct")),
                explanation=o.get("explanation", ""),
                position=opos * 10,
            )
            for opos, o in enumerate(qdata["options"], start=1)
        ]
        for option in options:
            option.full_clean()
        Option.objects.bulk_create(options)
    return quiz


# --- Reflection -------------------------------------------------------------------


def _reflection_text(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError(_("Please write your answer before submitting."), code="empty")
    if len(text) > ANSWER_MAX_CHARS:
        raise ValidationError(
            _("Your answer is too long: at most %(max)s characters.") % {"max": ANSWER_MAX_CHARS}, code="too_long"
        )
    return text


@transaction.atomic
def reflection_save_draft(*, user: User, exercise: Exercise, text: str) -> ReflectionResponse:
    """Save (autosave) the draft. A submitted reflection is final and is not changed."""
    _check_kind(exercise, Exercise.Kind.REFLECTION)
    text = _reflection_text(text, required=False)
    response, _created = ReflectionResponse.objects.select_for_update().get_or_create(user=user, exercise=exercise)
    if response.status == ReflectionResponse.Status.SUBMITTED:
        raise ValidationError(_("This reflection has already been submitted."), code="submitted")
    response.text = text
    response.updated_at = timezone.now()
    response.full_clean(validate_constraints=False)
    response.save(update_fields=["text", "updated_at"])
    return response


@transaction.atomic
def reflection_submit(*, user: User, exercise: Exercise, text: str) -> ReflectionResponse:
    _check_kind(exercise, Exercise.Kind.REFLECTION)
    text = _reflection_text(text, required=True)
    response, _created = ReflectionResponse.objects.select_for_update().get_or_create(user=user, exercise=exercise)
    if response.status == ReflectionResponse.Status.SUBMITTED:
        raise ValidationError(_("This reflection has already been submitted."), code="submitted")
    now = timezone.now()
    response.text = text
    response.status = ReflectionResponse.Status.SUBMITTED
    response.updated_at = now
    response.submitted_at = now
    response.full_clean(validate_constraints=False)
    response.save(update_fields=["text", "status", "updated_at", "submitted_at"])
    exercise_mark_complete(user=user, exercise=exercise)
    return response


# --- Assignment: files ------------------------------------------------------------


# The sniffer's names for the kinds above (lms.uploads judges by content, with this allow-list).
SNIFFED_KINDS = {kind: kind for kind in FILE_TYPES if kind != "jpeg"} | {"jpg": "jpeg"}


def file_type_detect(file: UploadedFile) -> str | None:
    """The accepted type of a file judged by its content, or None."""
    found = sniff(file, allowed=frozenset(SNIFFED_KINDS))
    return SNIFFED_KINDS[found.kind] if found else None


def _file_check(file: UploadedFile) -> str:
    if file.size is not None and file.size > FILE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Please upload a smaller file."), code="too_big")
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty_file")
    kind = file_type_detect(file)
    if kind is None:
        raise ValidationError(
            _("This file type is not accepted. Upload a PDF, Word (DOCX), PNG or JPEG file or an audio recording."),
            code="bad_type",
        )
    return kind


# --- Assignment: submissions and reviews -------------------------------------------


@transaction.atomic
def submission_create(*, user: User, exercise: Exercise, text: str, file: UploadedFile | None = None) -> Submission:
    """A new version of the user's work. Refused while one is waiting or after approval."""
    _check_kind(exercise, Exercise.Kind.ASSIGNMENT)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write your answer before submitting."), code="empty")
    if len(text) > ANSWER_MAX_CHARS:
        raise ValidationError(
            _("Your answer is too long: at most %(max)s characters.") % {"max": ANSWER_MAX_CHARS}, code="too_long"
        )
    kind = _file_check(file) if file else None
    previous = list(
        Submission.objects.select_for_update()
        .filter(user=user, exercise=exercise)
        .exclude(status=Submission.Status.NEEDS_REVISION)
        .values_list("status", flat=True)
    )
    if Submission.Status.SUBMITTED in previous:
        raise ValidationError(
            _("Your previous version is still waiting for review. You can resubmit once it has been reviewed."),
            code="pending",
        )
    if Submission.Status.APPROVED in previous:
        raise ValidationError(_("This assignment has already been approved."), code="approved")
    version = (Submission.objects.filter(user=user, exercise=exercise).aggregate(v=Max("version"))["v"] or 0) + 1
    submission = Submission(user=user, exercise=exercise, course_id=exercise.course_id, version=version, text=text)
    if file is not None and kind is not None:
        content_type, _suffix = FILE_TYPES[kind]
        submission.file_name = (file.name or "upload")[-255:]
        submission.file_type = content_type
        submission.file_size = file.size
    submission.full_clean(exclude=["file", "course"], validate_constraints=False)
    try:
        with transaction.atomic():
            if file is not None:
                submission.file.save(submission.file_name, file, save=False)
            submission.save()
    except IntegrityError:
        if submission.file:
            submission.file.delete(save=False)
        raise ValidationError(
            _("Your previous version is still waiting for review. You can resubmit once it has been reviewed."),
            code="pending",
        ) from None
    transaction.on_commit(lambda: tasks.submission_notify_trainers_task.delay(submission.pk))
    return submission


@transaction.atomic
def review_submit(
    *,
    reviewer: User,
    submission: Submission,
    decision: str,
    feedback: str,
    scores: Mapping[int | str, int | str | None],
) -> Review:
    """Review one version against the rubric. Each version is reviewed once."""
    locked = Submission.objects.select_for_update().select_related("exercise").get(pk=submission.pk)
    if locked.status != Submission.Status.SUBMITTED or Review.objects.filter(submission=locked).exists():
        raise ValidationError(
            _("Version %(version)s has already been reviewed. Open the newest version to review it.")
            % {"version": locked.version},
            code="reviewed",
        )
    if decision not in Review.Decision.values:
        raise ValidationError(_("Choose approved or needs revision."), code="decision")
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError(_("Please write feedback for the participant."), code="feedback")
    if len(feedback) > FEEDBACK_MAX_CHARS:
        raise ValidationError(_("The feedback is too long."), code="feedback_long")
    criteria = list(RubricCriterion.objects.filter(exercise_id=locked.exercise_id))
    clean_scores: dict[str, int] = {}
    given = {str(k): v for k, v in scores.items()}
    for criterion in criteria:
        raw = given.get(str(criterion.pk))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValidationError(
                _("Give a score for “%(name)s”.") % {"name": criterion.name}, code="score_missing"
            ) from None
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(
                _("The score for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score},
                code="score_range",
            )
        clean_scores[str(criterion.pk)] = value
    if set(given) - {str(c.pk) for c in criteria}:
        raise ValidationError(_("Some scores do not belong to this rubric."), code="score_unknown")
    review = Review(submission=locked, reviewer=reviewer, feedback=feedback, decision=decision, scores=clean_scores)
    review.full_clean(validate_constraints=False, exclude=["submission"])
    review.save()
    locked.status = decision
    locked.save(update_fields=["status"])
    submission.status = decision
    if decision == Review.Decision.APPROVED:
        exercise_mark_complete(user=locked.user, exercise=locked.exercise)
    transaction.on_commit(lambda: tasks.feedback_notify_participant_task.delay(review.pk))
    return review


@transaction.atomic
def rubric_save(*, exercise: Exercise, criteria: Sequence[Mapping]) -> list[RubricCriterion]:
    """Replace an assignment's rubric. `criteria`: [{"name", "description", "max_score"}]."""
    _check_kind(exercise, Exercise.Kind.ASSIGNMENT)
    RubricCriterion.objects.filter(exercise=exercise).delete()
    rows = [
        RubricCriterion(
            exercise=exercise,
            name=c["name"],
            description=c.get("description", ""),
            max_score=c.get("max_score", 4),
            position=pos * 10,
        )
        for pos, c in enumerate(criteria, start=1)
    ]
    for row in rows:
        row.full_clean()
    return RubricCriterion.objects.bulk_create(rows)
