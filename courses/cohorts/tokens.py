"""Cohorts' signing salts and signed tokens, in one place (no salt is written twice)."""

from __future__ import annotations

from django.core import signing

CALENDAR_FEED_SALT = "courses.calendar_feed"


def calendar_feed_token_dumps(*, user_id: int, secret: str) -> str:
    """A signed token naming the user and the feed's current secret (no expiry: feeds are long-lived)."""
    return signing.dumps({"u": user_id, "s": secret}, salt=CALENDAR_FEED_SALT, compress=False)


def calendar_feed_token_loads(token: str) -> tuple[int, str]:
    """(user id, secret); signing.BadSignature when the token is tampered or malformed."""
    data = signing.loads(token, salt=CALENDAR_FEED_SALT)
    try:
        return int(data["u"]), str(data["s"])
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed") from exc
