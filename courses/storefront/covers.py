"""Generated pictures: a course cover when none was uploaded, and initials for trainers without
a photo. Deterministic (the same title gives the same SVG) and escaped (a title is user text)."""

from __future__ import annotations

import hashlib
import textwrap

from django.utils.html import escape

# (from, to) gradient pairs, dark enough for white text (contrast above 4.5:1 at both ends).
PALETTES = [
    ("#1e3a8a", "#0f766e"),
    ("#312e81", "#1d4ed8"),
    ("#7c2d12", "#9a3412"),
    ("#134e4a", "#1e40af"),
    ("#4c1d95", "#9d174d"),
    ("#1f2937", "#0e7490"),
]
COVER_WIDTH, COVER_HEIGHT = 1200, 630
LINE_CHARS = 22
MAX_LINES = 4


def _pick(text: str, n: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % n


def title_lines(title: str) -> list[str]:
    """The title wrapped for the cover; a title too long for four lines ends with an ellipsis."""
    lines = textwrap.wrap(" ".join(title.split()), LINE_CHARS, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: LINE_CHARS - 1].rstrip() + "…"
    return lines


def cover_svg(title: str, *, site_name: str) -> str:
    start, end = PALETTES[_pick(title, len(PALETTES))]
    lines = title_lines(title)
    size = 84 if len(lines) <= 2 else 68
    top = COVER_HEIGHT / 2 - (len(lines) - 1) * size * 0.6
    texts = "".join(
        f'<tspan x="80" y="{top + n * size * 1.2:.0f}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {COVER_WIDTH} {COVER_HEIGHT}" '
        f'width="{COVER_WIDTH}" height="{COVER_HEIGHT}" role="img" aria-label="{escape(title)}">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/></linearGradient></defs>'
        f'<rect width="{COVER_WIDTH}" height="{COVER_HEIGHT}" fill="url(#g)"/>'
        f'<circle cx="1060" cy="90" r="260" fill="#ffffff" fill-opacity="0.07"/>'
        f'<circle cx="1130" cy="560" r="180" fill="#ffffff" fill-opacity="0.05"/>'
        f'<text font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif" font-size="{size}" font-weight="700" '
        f'fill="#ffffff">{texts}</text>'
        f'<text x="80" y="{COVER_HEIGHT - 60}" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif" '
        f'font-size="30" fill="#ffffff" fill-opacity="0.85">{escape(site_name)}</text>'
        "</svg>"
    )


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    letters = parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")
    return letters.upper()


def avatar_svg(name: str) -> str:
    start, end = PALETTES[_pick(name, len(PALETTES))]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" width="160" height="160" '
        f'role="img" aria-label="{escape(name)}">'
        f'<defs><linearGradient id="a" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/></linearGradient></defs>'
        '<rect width="160" height="160" fill="url(#a)"/>'
        '<text x="80" y="80" dy="0.35em" text-anchor="middle" font-size="64" font-weight="700" '
        'font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif" '
        f'fill="#ffffff">{escape(initials(name))}</text></svg>'
    )
