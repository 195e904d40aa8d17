"""Writes for organizations: inviting (one or by CSV), revoking, resending, accepting.

Seat accounting is described in courses/organizations/models.py: a pending invitation reserves a
seat (checked under a row lock on the licence), acceptance takes it with a conditional UPDATE
that the database's CheckConstraint backs up.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from accounts.services import membership_ensure
from courses.cohorts.services import cohort_enroll
from courses.learning.models import Enrollment
from courses.learning.services import enrollment_create
from courses.organizations.models import Invitation, SeatLicence, invitation_expiry
from courses.organizations.tasks import invitation_send_batch_task

CSV_MAX_ROWS = 5000
CSV_MAX_BYTES = 2 * 1024 * 1024
EMAIL_BATCH_SIZE = 100
REQUIRED_COLUMNS = ("email", "first_name", "last_name")


class InvitationError(Exception):
    """A refusal with a message for the person, and a code for the code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class CsvImportError(ValueError):
    pass


class Outcome:
    NEW = "new"
    MEMBER = "member"
    INVITED = "invited"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    OVER_LIMIT = "over_limit"


@dataclass
class ImportRow:
    line: int
    email: str
    first_name: str
    last_name: str
    outcome: str
    message: str = ""


# ---------------------------------------------------------------- seats


def _pending_invitations(licence: SeatLicence):
    return Invitation.objects.filter(licence=licence, status=Invitation.Status.PENDING, expires_at__gt=timezone.now())


def _free_seats_locked(licence: SeatLicence) -> int:
    """Seats neither used nor reserved. Call with the licence row locked."""
    return licence.seats - licence.seats_used - _pending_invitations(licence).count()


def _lock_licence(*, organization: Organization, licence_id: int) -> SeatLicence:
    try:
        return SeatLicence.objects.select_for_update().get(pk=licence_id, organization=organization)
    except SeatLicence.DoesNotExist as exc:
        raise InvitationError(_("This licence does not belong to the organization."), "licence") from exc


def _existing_state(*, organization: Organization, licence: SeatLicence, emails: list[str]) -> tuple[set, set]:
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
    invited = set(_pending_invitations(licence).filter(email__in=emails).values_list("email", flat=True))
    return {m.lower() for m in members}, {i.lower() for i in invited}


def _enqueue_emails(invitation_ids: list[int]) -> None:
    for start in range(0, len(invitation_ids), EMAIL_BATCH_SIZE):
        batch = invitation_ids[start : start + EMAIL_BATCH_SIZE]
        invitation_send_batch_task.delay_on_commit(batch)


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
    licence = _lock_licence(organization=organization, licence_id=licence_id)
    if not licence.is_valid:
        raise InvitationError(_("This licence has expired."), "licence_expired")
    members, invited = _existing_state(organization=organization, licence=licence, emails=[email])
    if email in members:
        raise InvitationError(_("%(email)s is already a member enrolled in this course.") % {"email": email}, "member")
    if email in invited:
        raise InvitationError(_("%(email)s already has a pending invitation.") % {"email": email}, "invited")
    if _free_seats_locked(licence) < 1:
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
    _enqueue_emails([invitation.pk])
    return invitation


# ---------------------------------------------------------------- CSV import


def _normalise_header(name: str) -> str:
    return "_".join(name.strip().strip('"').lower().replace("-", " ").split())


def csv_import_parse(*, organization: Organization, licence: SeatLicence, data: bytes) -> list[ImportRow]:
    """Parse an uploaded CSV into a preview. Writes nothing. Raises CsvImportError."""
    if not data or not data.strip():
        raise CsvImportError(_("The file is empty."))
    if len(data) > CSV_MAX_BYTES:
        raise CsvImportError(_("The file is larger than 2 MB."))
    if b"\x00" in data:
        raise CsvImportError(_("This looks like a binary file, not a CSV text file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError(
            _('The file is not UTF-8 encoded (problem at byte %(pos)s). Save it as "CSV UTF-8" and try again.')
            % {"pos": exc.start}
        ) from exc
    if not text.strip():
        raise CsvImportError(_("The file is empty."))
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise CsvImportError(_("The file is empty.")) from exc
    columns = [_normalise_header(h) for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CsvImportError(
            _("Missing column(s): %(missing)s. The first line must name the columns email, first_name, last_name.")
            % {"missing": ", ".join(missing)}
        )
    index = {c: columns.index(c) for c in REQUIRED_COLUMNS}
    raw: list[tuple[int, str, str, str]] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(raw) >= CSV_MAX_ROWS:
                raise CsvImportError(
                    _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": CSV_MAX_ROWS}
                )

            def cell(name: str, record=record) -> str:
                i = index[name]
                return record[i].strip() if i < len(record) else ""

            raw.append((reader.line_num, cell("email").lower(), cell("first_name"), cell("last_name")))
    except csv.Error as exc:
        raise CsvImportError(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from exc
    if not raw:
        raise CsvImportError(_("The file has a header but no rows."))

    emails = [r[1] for r in raw]
    members, invited = _existing_state(organization=organization, licence=licence, emails=emails)
    free = licence.seats - licence.seats_used - _pending_invitations(licence).count()
    if not licence.is_valid:
        free = 0
    seen: dict[str, int] = {}
    rows: list[ImportRow] = []
    for line, email, first, last in raw:
        row = ImportRow(line=line, email=email, first_name=first[:100], last_name=last[:100], outcome=Outcome.NEW)
        try:
            validate_email(email)
            valid = True
        except ValidationError:
            valid = False
        if not valid:
            row.outcome, row.message = Outcome.INVALID, _("Invalid email address")
        elif email in seen:
            row.outcome = Outcome.DUPLICATE
            row.message = _("Duplicate of line %(line)s") % {"line": seen[email]}
        elif email in members:
            row.outcome, row.message = Outcome.MEMBER, _("Already a member enrolled in this course")
        elif email in invited:
            row.outcome, row.message = Outcome.INVITED, _("Already invited")
        elif free <= 0:
            row.outcome, row.message = Outcome.OVER_LIMIT, _("Over the seat limit")
        else:
            free -= 1
        if valid:
            seen.setdefault(email, line)
        rows.append(row)
    return rows


def import_rows_to_session(rows: list[ImportRow]) -> list[dict]:
    return [asdict(r) for r in rows]


@transaction.atomic
def csv_import_confirm(
    *, organization: Organization, licence_id: int, rows: list[dict], invited_by: User | None
) -> list[Invitation]:
    """Invite every new-invite row in one transaction, or nobody when the seats no longer suffice."""
    licence = _lock_licence(organization=organization, licence_id=licence_id)
    if not licence.is_valid:
        raise InvitationError(_("This licence has expired."), "licence_expired")
    wanted = {}
    for row in rows:
        if row["outcome"] == Outcome.NEW:
            wanted.setdefault(row["email"].lower(), row)
    members, invited = _existing_state(organization=organization, licence=licence, emails=list(wanted))
    # Addresses that became members or got invited since the preview are simply skipped.
    todo = [r for e, r in wanted.items() if e not in members and e not in invited]
    if not todo:
        raise InvitationError(_("There is nobody left to invite in this file."), "nothing")
    free = _free_seats_locked(licence)
    if free < len(todo):
        raise InvitationError(
            _(
                "Only %(free)s seat(s) are free now, but the file needs %(needed)s. Nobody was invited; "
                "upload a shorter file or ask for more seats."
            )
            % {"free": max(free, 0), "needed": len(todo)},
            "no_seats",
        )
    Invitation.objects.filter(licence=licence, email__in=[r["email"] for r in todo], status="pending").update(
        status=Invitation.Status.EXPIRED
    )
    now = timezone.now()
    invitations = []
    for r in todo:
        inv = Invitation(
            organization=organization,
            licence=licence,
            email=r["email"],
            first_name=r["first_name"],
            last_name=r["last_name"],
            invited_by=invited_by,
            created_at=now,
        )
        inv.full_clean(validate_constraints=False)
        invitations.append(inv)
    Invitation.objects.bulk_create(invitations, batch_size=500)
    _enqueue_emails([inv.pk for inv in invitations])  # bulk_create returns primary keys on PostgreSQL and SQLite
    return invitations


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
    licence = _lock_licence(organization=invitation.organization, licence_id=invitation.licence_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
        raise InvitationError(_("Only pending or expired invitations can be sent again."), "not_pending")
    if invitation.is_expired:
        if _free_seats_locked(licence) < 1:
            raise InvitationError(_("No seats left on this licence."), "no_seats")
        if _pending_invitations(licence).filter(email=invitation.email).exclude(pk=invitation.pk).exists():
            raise InvitationError(
                _("%(email)s already has a pending invitation.") % {"email": invitation.email}, "invited"
            )
    invitation.status = Invitation.Status.PENDING
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["status", "expires_at"])
    _enqueue_emails([invitation.pk])
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


@transaction.atomic
def invitation_signup(*, token: str, full_name: str, password: str) -> User:
    """Create the invitee's account. The emailed link proves the address, so it is verified."""
    from accounts.services import user_create

    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    refusal = invitation_refusal(invitation=invitation)
    if refusal is not None:
        raise refusal
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(_("An account with this address exists already. Please log in."), "exists")
    try:
        with transaction.atomic():
            return user_create(email=invitation.email, full_name=full_name.strip(), password=password, verified=True)
    except IntegrityError as exc:
        raise InvitationError(_("An account with this address exists already. Please log in."), "exists") from exc
