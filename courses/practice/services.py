"""Writes of practice conversations: a take (recorded or uploaded), time-stamped comments, and
sending a take for review (which creates the exercise's next `Submission` version).

The trainer's review itself is the exercises area's `review_submit`, as for any practice
assignment: rubric scores and approved / needs revision; approval completes the exercise.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from courses.cohorts.models import PracticeRound, Triad
from courses.exercises.models import Conversation, RubricCriterion, Submission
from courses.exercises.services import submission_create
from courses.learning.models import Exercise
from courses.practice.media import media_type, wav_duration_ms
from courses.practice.models import Recording, TimedComment

COMMENT_MAX_CHARS = 2000
SLACK_MS = 5000  # a recorder stops a little after the limit


def interrupted_message() -> str:
    return _("The upload was interrupted before the whole file arrived, so nothing was saved. Please try again.")


def too_big_message() -> str:
    return _("The file is larger than %(max)s MB. Record a shorter take or compress the file.") % {
        "max": settings.PRACTICE_MAX_UPLOAD_BYTES // (1024 * 1024)
    }


def _setup(exercise: Exercise) -> Conversation:
    if exercise.kind != Exercise.Kind.CONVERSATION:
        raise ValidationError(_("This exercise is not a practice conversation."), code="wrong_kind")
    setup = Conversation.objects.filter(exercise=exercise).first()
    if setup is None:
        raise ValidationError(_("This practice conversation is not ready yet."), code="not_ready")
    return setup


def _can_record(user: User, exercise: Exercise) -> None:
    statuses = set(Submission.objects.filter(user=user, exercise=exercise).values_list("status", flat=True))
    if Submission.Status.APPROVED in statuses:
        raise ValidationError(_("This practice conversation has already been approved."), code="approved")
    if Submission.Status.SUBMITTED in statuses:
        raise ValidationError(
            _("Your take is waiting for review. You can record again once it has been reviewed."), code="pending"
        )


@transaction.atomic
def recording_create(
    *,
    user: User,
    exercise: Exercise,
    file: UploadedFile,
    duration_ms: int | None = None,
    video: bool = False,
    practice_round: PracticeRound | None = None,
    triad: Triad | None = None,
) -> Recording:
    """Store a take privately under a random name, after checking its size and content.

    With `practice_round` and `triad`: the coach's recording of an online round (the caller checked
    that `user` is that round's coach); it is shared with the group at once and is no exercise version."""
    setup = _setup(exercise)
    if practice_round is None:
        _can_record(user, exercise)
    if file.size is not None and file.size > settings.PRACTICE_MAX_UPLOAD_BYTES:
        raise ValidationError(too_big_message(), code="too_big")
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty_file")
    content_type = media_type(file, video_hint=video)
    if content_type is None:
        raise ValidationError(
            _("This file is not an audio or video recording. Upload WebM, Ogg, MP4, M4A, MP3 or WAV."),
            code="bad_type",
        )
    limit_ms = setup.max_minutes * 60_000
    measured = wav_duration_ms(file) if content_type == "audio/wav" else None
    length = measured if measured is not None else duration_ms
    if length is not None and length > limit_ms + SLACK_MS:
        raise ValidationError(
            _("The recording is longer than %(max)s minutes.") % {"max": setup.max_minutes}, code="too_long"
        )
    recording = Recording(
        user=user,
        exercise=exercise,
        course_id=exercise.course_id,
        file_name=PurePath(file.name or "recording").name[-255:],
        content_type=content_type,
        file_size=file.size,
        duration_ms=length,
        practice_round=practice_round,
        triad=triad,
    )
    recording.full_clean(exclude=["file", "course", "submission", "practice_round", "triad"])
    recording.file.save(recording.file_name, file, save=False)
    try:
        recording.save()
    except Exception:
        recording.file.delete(save=False)
        raise
    return recording


def _comment_moment(recording: Recording, at_ms: int) -> int:
    limit = recording.duration_ms
    if limit is None:
        setup = Conversation.objects.filter(exercise_id=recording.exercise_id).first()
        limit = (setup.max_minutes if setup else 60) * 60_000 + SLACK_MS
    if not 0 <= at_ms <= limit:
        raise ValidationError(_("That moment is beyond the end of the recording."), code="beyond_end")
    return at_ms


@transaction.atomic
def comment_add(
    *,
    author: User,
    recording: Recording,
    at_ms: int,
    text: str,
    tone: str = TimedComment.Tone.NOTE,
    criterion_id: int | None = None,
    parent_id: int | None = None,
) -> TimedComment:
    """A comment at a moment of the recording, or a reply in a comment's thread (at its moment).

    Access is the caller's check (`recording_for_viewer_or_404`); others only comment on a sent take."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your comment first."), code="empty")
    if len(text) > COMMENT_MAX_CHARS:
        raise ValidationError(
            _("A comment has at most %(max)s characters.") % {"max": COMMENT_MAX_CHARS}, code="too_long"
        )
    if author.pk != recording.user_id and recording.submission_id is None and recording.triad_id is None:
        raise ValidationError(_("This take has not been sent for review yet."), code="draft")
    parent = None
    if parent_id is not None:
        parent = TimedComment.objects.filter(pk=parent_id, recording=recording, parent__isnull=True).first()
        if parent is None:
            raise ValidationError(_("That comment no longer exists; reload the page."), code="stale")
        at_ms, tone, criterion_id = parent.at_ms, TimedComment.Tone.NOTE, None
    at_ms = _comment_moment(recording, at_ms)
    if tone not in TimedComment.Tone.values:
        raise ValidationError(_("Choose note, praise or suggestion."), code="tone")
    if (
        criterion_id is not None
        and not RubricCriterion.objects.filter(pk=criterion_id, exercise_id=recording.exercise_id).exists()
    ):
        raise ValidationError(_("That criterion is not part of this rubric."), code="criterion")
    comment = TimedComment(
        recording=recording, author=author, parent=parent, at_ms=at_ms, text=text, tone=tone, criterion_id=criterion_id
    )
    comment.full_clean(exclude=["recording", "author", "parent", "criterion"])
    comment.save()
    return comment


@transaction.atomic
def recording_submit(*, user: User, recording: Recording, text: str) -> Submission:
    """Send a take for review: self-review first (at least one time-stamped note by the participant)."""
    locked = Recording.objects.select_for_update().select_related("exercise").get(pk=recording.pk)
    if locked.user_id != user.pk:
        raise ValidationError(_("Only the participant who recorded this take can send it."), code="not_owner")
    if locked.submission_id is not None or locked.triad_id is not None:
        raise ValidationError(_("This take has already been sent for review."), code="sent")
    if not TimedComment.objects.filter(recording=locked, author=user, parent__isnull=True).exists():
        raise ValidationError(
            _("Review your own take first: add at least one time-stamped note before you send it."),
            code="self_review",
        )
    submission = submission_create(user=user, exercise=locked.exercise, text=text)
    locked.submission = submission
    locked.save(update_fields=["submission"])
    recording.submission = submission
    return submission
