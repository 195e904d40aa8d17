"""Inviting by CSV: parse an upload into a preview (writes nothing), then confirm it in one transaction."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from courses.organizations.models import Invitation, SeatLicence
from courses.organizations.services.seats import (
    InvitationError,
    existing_state,
    free_seats_locked,
    invitation_emails_enqueue,
    licence_lock,
    pending_invitations,
)

CSV_MAX_ROWS = 5000
CSV_MAX_BYTES = 2 * 1024 * 1024
REQUIRED_COLUMNS = ("email", "first_name", "last_name")


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


# ---------------------------------------------------------------- CSV import


def _normalise_header(name: str) -> str:
    return "_".join(name.strip().strip('"').lower().replace("-", " ").split())


def _csv_text(data: bytes) -> str:
    """The upload as text; CsvImportError for empty, oversized, binary or non-UTF-8 files."""
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
    return text


def _csv_records(text: str) -> list[tuple[int, str, str, str]]:
    """(line, email, first name, last name) per non-blank row; CsvImportError for a bad header or size."""
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
    return raw


def csv_import_parse(*, organization: Organization, licence: SeatLicence, data: bytes) -> list[ImportRow]:
    """Parse an uploaded CSV into a preview. Writes nothing. Raises CsvImportError."""
    raw = _csv_records(_csv_text(data))
    emails = [r[1] for r in raw]
    members, invited = existing_state(organization=organization, licence=licence, emails=emails)
    free = licence.seats - licence.seats_used - pending_invitations(licence).count()
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
    licence = licence_lock(organization=organization, licence_id=licence_id)
    if not licence.is_valid:
        raise InvitationError(_("This licence has expired."), "licence_expired")
    wanted = {}
    for row in rows:
        if row["outcome"] == Outcome.NEW:
            wanted.setdefault(row["email"].lower(), row)
    members, invited = existing_state(organization=organization, licence=licence, emails=list(wanted))
    # Addresses that became members or got invited since the preview are simply skipped.
    todo = [r for e, r in wanted.items() if e not in members and e not in invited]
    if not todo:
        raise InvitationError(_("There is nobody left to invite in this file."), "nothing")
    free = free_seats_locked(licence)
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
    invitation_emails_enqueue(
        [inv.pk for inv in invitations]
    )  # bulk_create returns primary keys on PostgreSQL and SQLite
    return invitations
