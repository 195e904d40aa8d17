"""Limits and checks shared by the exercise services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from courses.learning.models import Exercise

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


def check_kind(exercise: Exercise, kind: str) -> None:
    if exercise.kind != kind:
        raise ValidationError(_("This exercise is not of that kind."), code="wrong_kind")
