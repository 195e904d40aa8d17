"""Writes for practice assignments: submissions (with an optional file) and trainer reviews.

Emails go out through Celery after commit (courses.exercises.tasks).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

import courses.exercises.tasks as tasks
from accounts.models import User
from courses.exercises.models import Review, RubricCriterion, Submission
from courses.exercises.services.common import ANSWER_MAX_CHARS, FEEDBACK_MAX_CHARS, FILE_MAX_BYTES, FILE_TYPES
from courses.exercises.services.common import check_kind as _check_kind
from courses.exercises.services.peer_reviews import clean_scores, peer_reviews_assign
from courses.learning.models import Exercise
from courses.learning.services import exercise_mark_complete
from lms.uploads import sniff

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
    """A new version of the user's work. Refused while one is waiting or after approval.

    A practice conversation's version is its text (what the participant asks feedback on); its
    recording is kept by courses.practice, which calls this inside its own transaction."""
    if exercise.kind != Exercise.Kind.CONVERSATION:
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
    peer_reviews_assign(exercise=exercise)
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
    scores_clean = clean_scores(criteria, scores)
    review = Review(submission=locked, reviewer=reviewer, feedback=feedback, decision=decision, scores=scores_clean)
    review.full_clean(validate_constraints=False, exclude=["submission"])
    review.save()
    locked.status = decision
    locked.save(update_fields=["status"])
    submission.status = decision
    if decision == Review.Decision.APPROVED:
        exercise_mark_complete(user=locked.user, exercise=locked.exercise)
    transaction.on_commit(lambda: tasks.feedback_notify_participant_task.delay(review.pk))
    return review
