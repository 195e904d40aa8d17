"""Chart text: a conservative width estimate and label wrapping (see lms.charts for the why)."""

from __future__ import annotations

from dataclasses import dataclass, field

FONT_SIZE = 13  # px; the chart block in site.css sets the same size on every chart <text>
LINE_HEIGHT = 17  # px from one label line's baseline to the next
ASCENT = 13  # px from the top of a line box to its baseline
# The width a chart has at 360 px: 360 minus the page's and a panel's padding and borders,
# with room to spare. Labels are wrapped to fit it.
MIN_WIDTH = 264
MAX_LINES = 3
ELLIPSIS = "…"

# Advance widths in em, rounded up from common sans-serif faces (Arial/Helvetica, Inter, system-ui):
# an estimate that errs on the wide side, so a wrapped line never runs past the chart.
_NARROW = set(" .,:;'!|ijlI`")
_SEMI = set('frt()[]-/"')
_WIDE = set("mwMW@%&")


def char_width(char: str) -> float:
    if char in _NARROW:
        return 0.34
    if char in _SEMI:
        return 0.45
    if char in _WIDE:
        return 0.95
    if char.isupper():
        return 0.74
    if char.isdigit():
        return 0.62
    return 0.6


def text_width(text: str, *, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width `text` takes at `size` px, estimated on the wide side."""
    return sum(char_width(c) for c in text) * size * (1.08 if bold else 1.0)


@dataclass
class TextLine:
    text: str
    y: float  # baseline, px from the top of the chart


@dataclass
class Label:
    """A label wrapped onto lines; `truncated` labels show `full` in a <title>."""

    full: str
    lines: list[TextLine] = field(default_factory=list)
    truncated: bool = False

    @property
    def y(self) -> float:
        return self.lines[0].y if self.lines else 0.0


def _fit(text: str, width: float, bold: bool) -> str:
    """`text` cut (with an ellipsis) to fit `width`."""
    while text and text_width(text + ELLIPSIS, bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap_lines(text: str, *, width: float = MIN_WIDTH, max_lines: int = MAX_LINES, bold: bool = False):
    """(lines, truncated): `text` wrapped by words to `width` px, at most `max_lines` lines."""
    lines: list[str] = []
    current = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, bold=bold) > width:  # one word longer than a line: break it
            cut = len(current)
            while cut > 1 and text_width(current[:cut], bold=bold) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = _fit(kept[-1] + " " + lines[max_lines], width, bold)
    return kept, True


def wrap_label(
    text: str, *, top: float, width: float = MIN_WIDTH, max_lines: int = MAX_LINES, bold: bool = False
) -> tuple[Label, float]:
    """The label placed with its first line box at `top`; returns it and the y below it."""
    lines, truncated = wrap_lines(str(text), width=width, max_lines=max_lines, bold=bold)
    label = Label(full=str(text), truncated=truncated)
    for i, line in enumerate(lines or [""]):
        label.lines.append(TextLine(text=line, y=round(top + ASCENT + i * LINE_HEIGHT, 1)))
    return label, top + LINE_HEIGHT * max(1, len(lines)) + 2
