"""Signed links that work without a login (check-ins, observers, the team pulse): one way to read
their payload and to say why a link is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core import signing
from django.utils.translation import gettext_lazy as _

# HTTP status and message of the usual refusals (a link's own reasons come with its own page).
REFUSALS = {
    "invalid": (404, _("This link is not valid.")),
    "expired": (410, _("This link has expired.")),
    "not_open": (403, _("This round has not started yet.")),
}


class SignedLinkError(Exception):
    """Why a signed link is refused. `reason` is "invalid" (tampered, unknown, someone else's),
    "expired", or a reason of the link's own ("used", "not_open")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def signed_payload(
    loads: Callable[[str], Any],
    token: str,
    *,
    error: type[SignedLinkError],
    ints: tuple[str, ...] = (),
    strs: tuple[str, ...] = (),
) -> dict:
    """The payload of a genuine, fresh token whose `ints` keys hold integers and `strs` keys strings;
    otherwise `error("expired")` or `error("invalid")`."""
    try:
        payload = loads(token)
    except signing.SignatureExpired as exc:
        raise error("expired") from exc
    except signing.BadSignature as exc:
        raise error("invalid") from exc
    if not isinstance(payload, dict):
        raise error("invalid")
    well_formed = all(type(payload.get(k)) is int for k in ints) and all(isinstance(payload.get(k), str) for k in strs)
    if not well_formed:
        raise error("invalid")
    return payload


def refusal(error: SignedLinkError) -> tuple[int, str]:
    """The status and message of a refused link, for its refusal page."""
    status, message = REFUSALS.get(error.reason, REFUSALS["invalid"])
    return status, str(message)
