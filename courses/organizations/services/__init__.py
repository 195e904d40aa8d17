"""Writes for organizations: inviting (one or by CSV), revoking, resending, accepting.

The modules: seats (seat accounting every path shares), invitations (one at a time, accept,
sign up), csv_import (preview and confirm).
"""

from courses.organizations.services.csv_import import (
    CSV_MAX_BYTES,
    CSV_MAX_ROWS,
    REQUIRED_COLUMNS,
    CsvImportError,
    ImportRow,
    Outcome,
    csv_import_confirm,
    csv_import_parse,
    import_rows_to_session,
)
from courses.organizations.services.invitations import (
    InvitationSignup,
    invitation_accept,
    invitation_create,
    invitation_refusal,
    invitation_resend,
    invitation_revoke,
    invitation_signup,
)
from courses.organizations.services.seats import EMAIL_BATCH_SIZE, InvitationError

__all__ = [
    "CSV_MAX_BYTES",
    "CSV_MAX_ROWS",
    "EMAIL_BATCH_SIZE",
    "REQUIRED_COLUMNS",
    "CsvImportError",
    "ImportRow",
    "InvitationError",
    "InvitationSignup",
    "Outcome",
    "csv_import_confirm",
    "csv_import_parse",
    "import_rows_to_session",
    "invitation_accept",
    "invitation_create",
    "invitation_refusal",
    "invitation_resend",
    "invitation_revoke",
    "invitation_signup",
]
