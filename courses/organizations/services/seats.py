"""Seat accounting shared by every way of inviting: free seats under a row lock, existing state, email batches.

Seat accounting is described in courses/organizations/models.py: a pending invitation reserves a
seat (checked under a row lock on the licence), acceptance takes it with a conditional UPDATE
that the database's CheckConstraint backs up.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization
from courses.learning.models import Enrollment
from courses.organizations.models import Invitation, SeatLicence
from courses.organizations.tasks import invitation_send_batch_task

EMAIL_BATCH_SIZE = 100


class InvitationError(Exception):
    """A refusal with a message for the person, and a code for the code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


# ---------------------------------------------------------------- seats


def pending_invitations(licence: SeatLicence):
    return Invitation.objects.filter(licence=licence, status=Invitation.Status.PENDING, expires_at__gt=timezone.now())


def free_seats_locked(licence: SeatLicence) -> int:
    """Seats neither used nor reserved. Call with the licence row locked."""
    return licence.seats - licence.seats_used - pending_invitations(licence).count()


def licence_lock(*, organization: Organization, licence_id: int) -> SeatLicence:
    try:
        return SeatLicence.objects.select_for_update().get(pk=licence_id, organization=organization)
    except SeatLicence.DoesNotExist as exc:
        raise InvitationError(_("This licence does not belong to the organization."), "licence") from exc


def existing_state(*, organization: Organization, licence: SeatLicence, emails: list[str]) -> tuple[set, set]:
    """(emails already enrolled members, emails with a live pending invitation), two queries."""
    members = set(
        Enrollment.objects.filter(
            course_id=licence.course_id,
            user__memberships__organization=organization,
            user__email__in=emails,
        )
        .exclude(status=Enrollment.Status.CANCELLED)
        .values_list("user__email", flat=True)
    )
    invited = set(pending_invitations(licence).filter(email__in=emails).values_list("email", flat=True))
    return {m.lower() for m in members}, {i.lower() for i in invited}


def invitation_emails_enqueue(invitation_ids: list[int]) -> None:
    for start in range(0, len(invitation_ids), EMAIL_BATCH_SIZE):
        batch = invitation_ids[start : start + EMAIL_BATCH_SIZE]
        invitation_send_batch_task.delay_on_commit(batch)
