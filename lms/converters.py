"""Path converters shared by every urls.py (registered once in `LmsConfig.ready()`).

`<id:pk>` is Django's `<int:pk>` bounded to what a 64-bit primary key can hold: a longer number
is simply no match (404), instead of reaching the database, where SQLite raises `OverflowError`.
"""

from __future__ import annotations

ID_MAX = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError("id out of range")
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


class TokenConverter:
    """`<token:…>`: a random or signed token, a certificate code, an import id. Only the characters
    such tokens use (URL-safe base64, signing's `:`, `-`, `.`, `=`), so a NUL or other junk is no match
    (404) before it reaches the database, where PostgreSQL refuses NUL characters."""

    regex = r"[A-Za-z0-9_\-:.=]{1,512}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
