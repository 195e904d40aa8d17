"""Impact's signing salt and signed team-pulse links, in one place."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing

PULSE_TOKEN_SALT = "courses.impact.pulse"
PULSE_LINK_MAX_AGE = datetime.timedelta(days=28)


def pulse_token_dumps(*, member_id: int, round_id: int) -> str:
    return signing.dumps({"m": member_id, "r": round_id}, salt=PULSE_TOKEN_SALT)


def pulse_token_loads(token: str) -> Any:
    """The payload; signing.SignatureExpired / BadSignature when it is old or forged."""
    return signing.loads(token, salt=PULSE_TOKEN_SALT, max_age=PULSE_LINK_MAX_AGE)
