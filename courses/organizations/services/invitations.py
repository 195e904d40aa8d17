"""Writes for invitations one at a time: invite, revoke, resend, accept, sign up."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from accounts.services import membership_ensure, user_create
from courses.cohorts.services import cohort_enroll
from courses.learning.models import Enrollment
from courses.learning.services import enrollment_create
from courses.organizations.models import Invitation, SeatLicence, invitation_expiry
from courses.organizations.services.seats import (
    InvitationError,
    existing_state,
    free_seats_locked,
    invitation_emails_enqueue,
    licence_lock,
    pending_invitations,
)

# ---------------------------------------------------------------- invite one


@transaction.atomic
def invitation_create(
    *,
    organization: Organization,
    licence_id: int,
    email: str,
    first_name: str = "",
    last_name: str = "",
    invited_by: User | None,
) -> Invitation:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvitationError(_("Enter a valid email address."), "invalid") from exc
    licence = licence_lock(organization=organization, licence_id=licence_id)
    if not licence.is_valid:
        raise InvitationError(_("This licence has expired."), "licence_expired")
    members, invited = existing_state(organization=organization, licence=licence, emails=[email])
    if email in members:
        raise InvitationError(_("%(email)s is already a member enrolled in this course.") % {"email": email}, "member")
    if email in invited:
        raise InvitationError(_("%(email)s already has a pending invitation.") % {"email": email}, "invited")
    if free_seats_locked(licence) < 1:
        raise InvitationError(_("No seats left on this licence."), "no_seats")
    # An old, lazily expired invitation for the same address gives way to the new one.
    Invitation.objects.filter(licence=licence, email=email, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.EXPIRED
    )
    invitation = Invitation(
        organization=organization,
        licence=licence,
        email=email,
        first_name=first_name.strip()[:100],
        last_name=last_name.strip()[:100],
        invited_by=invited_by,
    )
    invitation.full_clean(validate_constraints=False)
    invitation.save()
    invitation_emails_enqueue([invitation.pk])
    return invitation


# ---------------------------------------------------------------- revoke, resend


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Revoke a pending invitation; its reserved seat becomes free again."""
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )
    if updated != 1:
        raise InvitationError(_("Only pending invitations can be revoked."), "not_pending")
    invitation.status = Invitation.Status.REVOKED
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send the invitation again with a fresh expiry. An expired one must find a free seat again."""
    licence = licence_lock(organization=invitation.organization, licence_id=invitation.licence_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
        raise InvitationError(_("Only pending or expired invitations can be sent again."), "not_pending")
    if invitation.is_expired:
        if free_seats_locked(licence) < 1:
            raise InvitationError(_("No seats left on this licence."), "no_seats")
        if pending_invitations(licence).filter(email=invitation.email).exclude(pk=invitation.pk).exists():
            raise InvitationError(
                _("%(email)s already has a pending invitation.") % {"email": invitation.email}, "invited"
            )
    invitation.status = Invitation.Status.PENDING
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["status", "expires_at"])
    invitation_emails_enqueue([invitation.pk])
    return invitation


# ---------------------------------------------------------------- accept


def invitation_refusal(*, invitation: Invitation | None, user: User | None = None) -> InvitationError | None:
    """Why this invitation cannot be accepted (by this user), or None."""
    if invitation is None:
        return InvitationError(_("This invitation link is not valid. Check that you copied all of it."), "unknown")
    if invitation.status == Invitation.Status.ACCEPTED:
        return InvitationError(_("This invitation has already been used."), "used")
    if invitation.status == Invitation.Status.REVOKED:
        return InvitationError(_("This invitation was withdrawn by the organization."), "revoked")
    if invitation.is_expired:
        return InvitationError(
            _("This invitation has expired. Ask your organization's administrator to send it again."), "expired"
        )
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email.lower():
        return InvitationError(
            _(
                "This invitation is for %(email)s, but you are logged in as %(you)s. "
                "Log out and use the invited address."
            )
            % {"email": invitation.email, "you": user.email},
            "wrong_email",
        )
    return None


def _code(exc: ValidationError) -> str:
    return getattr(exc, "code", None) or "refused"


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Enrollment:
    """Membership, enrollment (source=organization) and one seat, all or nothing."""
    # licence.cohort is read lazily below: on PostgreSQL, FOR UPDATE cannot join a nullable FK.
    invitation = (
        Invitation.objects.select_for_update().select_related("licence", "organization").filter(token=token).first()
    )
    refusal = invitation_refusal(invitation=invitation, user=user)
    if refusal is not None:
        raise refusal
    licence = invitation.licence
    if not licence.is_valid:
        raise InvitationError(_("The organization's licence for this course has expired."), "licence_expired")
    taken = SeatLicence.objects.filter(pk=licence.pk, seats_used__lt=F("seats")).update(seats_used=F("seats_used") + 1)
    if taken != 1:
        raise InvitationError(
            _("No seats left: all seats for this course are taken. Ask your organization's administrator."),
            "no_seats",
        )
    membership_ensure(user=user, organization=invitation.organization, role=Membership.Role.MEMBER)
    if licence.cohort_id is not None:
        # A licence for one cohort run: enroll into that cohort, taking one of its places.
        # A refusal (full, deadline passed) raises, so this whole transaction rolls back:
        # no seat taken, no membership, no enrollment.
        try:
            enrollment = cohort_enroll(
                user=user, course=licence.course, cohort=licence.cohort, source=Enrollment.Source.ORGANIZATION
            ).enrollment
        except ValidationError as exc:
            raise InvitationError(
                " ".join(exc.messages) + " " + _("Ask your organization's administrator."), "cohort_" + _code(exc)
            ) from exc
    else:
        enrollment, _created = enrollment_create(
            user=user, course=licence.course, source=Enrollment.Source.ORGANIZATION
        )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
    return enrollment


@dataclass(frozen=True)
class InvitationSignup:
    """What signing up through an invitation gave: the account, and the enrollment or why not."""

    user: User
    enrollment: Enrollment | None
    refusal: InvitationError | None


@transaction.atomic
def invitation_signup(*, token: str, full_name: str, password: str, language: str = "en") -> InvitationSignup:
    """Create the invitee's account and accept the invitation in the same call.

    The emailed link proves the address, so it is verified. Acceptance goes through
    `invitation_accept` (one writer, same seat locking) inside a savepoint: if it is refused
    meanwhile (no seat left, licence expired, cohort full) the account stays and the refusal says why.
    `language` is the one the invitee signed up in (the page's), saved on the new profile.
    """
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    refusal = invitation_refusal(invitation=invitation)
    if refusal is not None:
        raise refusal
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(_("An account with this address exists already. Please log in."), "exists")
    try:
        with transaction.atomic():
            user = user_create(
                email=invitation.email, full_name=full_name.strip(), password=password, verified=True, language=language
            )
    except IntegrityError as exc:
        raise InvitationError(_("An account with this address exists already. Please log in."), "exists") from exc
    try:
        with transaction.atomic():
            enrollment = invitation_accept(token=token, user=user)
    except InvitationError as exc:
        return InvitationSignup(user=user, enrollment=None, refusal=exc)
    return InvitationSignup(user=user, enrollment=enrollment, refusal=None)
