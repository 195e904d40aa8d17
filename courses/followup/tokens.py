"""Follow-up's signing salts and signed tokens, in one place (no salt is written twice)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing

CHECKIN_TOKEN_SALT = "courses.followup.checkin"
CHECKIN_LINK_MAX_AGE = datetime.timedelta(days=14)


def checkin_token_dumps(*, checkin_id: int, nonce: str) -> str:
    """A signed, timestamped token for one check-in (its id and its secret nonce)."""
    return signing.dumps({"c": checkin_id, "n": nonce}, salt=CHECKIN_TOKEN_SALT)


def checkin_token_loads(token: str) -> Any:
    """The token's payload; signing.SignatureExpired / BadSignature when it is old or forged."""
    return signing.loads(token, salt=CHECKIN_TOKEN_SALT, max_age=CHECKIN_LINK_MAX_AGE)


OBSERVER_TOKEN_SALT = "courses.followup.observer"
OBSERVER_LINK_MAX_AGE = datetime.timedelta(days=21)


def observer_token_dumps(*, observer_id: int, round_id: int) -> str:
    """A signed, timestamped token for one observer in one round (the link in their email)."""
    return signing.dumps({"o": observer_id, "r": round_id}, salt=OBSERVER_TOKEN_SALT)


def observer_token_loads(token: str) -> Any:
    """The token's payload; signing.SignatureExpired / BadSignature when it is old or forged."""
    return signing.loads(token, salt=OBSERVER_TOKEN_SALT, max_age=OBSERVER_LINK_MAX_AGE)
