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
