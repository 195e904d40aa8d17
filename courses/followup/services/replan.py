"""Relapse handling: after two "not yet" check-ins in a row, the participant may re-plan a commitment
with a smaller first step or a different "when" cue. The earlier wording is kept (CommitmentVersion)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.followup.models import Commitment, CommitmentVersion


@transaction.atomic
def commitment_replan(*, commitment: Commitment, reason: str, situation: str, behaviour: str) -> Commitment:
    """Keep the current wording as a version, then store the new one. ValidationError changes nothing."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    situation, behaviour = situation.strip(), behaviour.strip()
    if reason not in CommitmentVersion.Reason.values:
        raise ValidationError(_("Choose a smaller first step or a different cue."), code="reason")
    if not situation or not behaviour:
        raise ValidationError(_("Write both the situation and what you will do."), code="empty")
    if (situation, behaviour) == (commitment.situation, commitment.behaviour):
        raise ValidationError(_("Change the step or the cue: the new plan is the same as the old one."), code="same")
    if commitment.status == Commitment.Status.CLOSED:
        raise ValidationError(_("This commitment is closed."), code="closed")
    CommitmentVersion.objects.create(
        commitment=commitment, situation=commitment.situation, behaviour=commitment.behaviour, reason=reason
    )
    commitment.situation, commitment.behaviour = situation[:300], behaviour[:300]
    commitment.status, commitment.updated_at = Commitment.Status.ADJUSTED, timezone.now()
    commitment.full_clean(exclude=["plan"], validate_constraints=False)
    commitment.save(update_fields=["situation", "behaviour", "status", "updated_at"])
    return commitment
