"""Writes for reflections: drafts (autosave) and the final submission."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.models import ReflectionResponse
from courses.exercises.services.common import ANSWER_MAX_CHARS
from courses.exercises.services.common import check_kind as _check_kind
from courses.learning.models import Exercise
from courses.learning.services import exercise_mark_complete

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
