"""Practice conversations: the participant's recordings (takes) and the time-stamped comments on them.

A take starts private (a draft the participant may play back, note and replace). It goes to the
trainer, and to peers where the exercise allows it, only once the participant has added at least
one time-stamped note of their own and sent it: sending creates the exercise's `Submission`
version, reviewed by the trainer as a practice assignment is. Each version keeps its own take.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.cohorts.models import PracticeRound, Triad
from courses.exercises.models import RubricCriterion, Submission
from courses.learning.models import Exercise


def _recording_path(instance: Recording, filename: str) -> str:
    # A random name under the private storage (never a public URL); the original name is kept in a field.
    return f"recordings/{secrets.token_hex(16)}"


class Recording(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_recordings")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="practice_recordings")
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+", editable=False)
    # Set when the participant sends the take for review; until then only they see it.
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="recording"
    )
    # A take of an online practice round: the group's members and the course's trainers see it at once.
    practice_round = models.ForeignKey(PracticeRound, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    triad = models.ForeignKey(Triad, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    file = models.FileField(_("recording"), upload_to=_recording_path, max_length=200)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100)
    file_size = models.PositiveBigIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(_("length (milliseconds)"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("practice recording")
        verbose_name_plural = _("practice recordings")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "exercise"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("courses:recording_detail", kwargs={"pk": self.pk})

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")


class TimedComment(models.Model):
    """A note at a moment of a recording: the participant's self-review, a reviewer's comment or a reply."""

    class Tone(models.TextChoices):
        NOTE = "note", _("Note")
        PRAISE = "praise", _("Praise")
        SUGGESTION = "suggestion", _("Suggestion")

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="practice_comments"
    )
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    at_ms = models.PositiveIntegerField(_("moment (milliseconds)"))
    text = models.TextField(_("comment"))
    tone = models.CharField(_("kind of comment"), max_length=10, choices=Tone.choices, default=Tone.NOTE)
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("criterion")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("time-stamped comment")
        verbose_name_plural = _("time-stamped comments")
        ordering = ["at_ms", "created_at", "id"]
        indexes = [models.Index(fields=["recording", "at_ms"])]

    def __str__(self) -> str:
        return f"{self.recording} @ {self.at_ms} ms"

    @property
    def moment(self) -> str:
        """The moment as the player shows it: m:ss, or h:mm:ss past an hour."""
        seconds = self.at_ms // 1000
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def seconds(self) -> str:
        return f"{self.at_ms / 1000:.1f}"
