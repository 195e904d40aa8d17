"""Horizontal bar charts (templates/includes/bar_chart.html); the approach is in lms.charts.

Every bar has its label above it. Three shapes share the geometry:
- one series (studio analytics): a label and a bar per row, the value after the bar;
- several series, grouped (organization summary): a bold heading per row, then per series a
  label and a bar on one scale;
- several series, stacked (follow-through): a label and one bar per row whose segments are the
  parts of the row's total, with an optional marker (a dot on its own 0..marker_max scale).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lms.charts.text import MIN_WIDTH, Label, text_width, wrap_label
from lms.templatetags.numbers import display_number

BAR_HEIGHT = 16  # px
GROUPED_BAR_HEIGHT = 12
ROW_GAP = 12  # px between rows
VALUE_GAP = 6  # px between a bar and its value
MAX_SPAN = 85.0  # percent of the width the longest bar takes at most


@dataclass(frozen=True)
class Series:
    key: str  # CSS class suffix: the bar is drawn with class "bar-<key>"
    label: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: Sequence[float]  # one per series, in the chart's series order
    marker: float | None = None  # stacked charts only


@dataclass
class Segment:
    series: Series
    value: float | int
    x: float  # percent of the chart's width
    width: float  # percent


@dataclass
class BarLine:
    """One bar with its label (and, for the first bar of a group, the group's heading)."""

    label: Label
    y: float  # px, top of the bar
    bar_height: int
    segments: list[Segment]
    heading: Label | None = None
    value_text: str = ""
    value_x: float = 0.0  # percent; the text starts VALUE_GAP px after it
    marker_x: float | None = None  # percent
    text_y: float = 0.0  # px, baseline of text drawn beside the bar

    @property
    def marker_y(self) -> float:
        return self.y + self.bar_height / 2


@dataclass
class BarChart:
    key: str
    title: str
    description: str
    height: float  # px
    series: list[Series]
    stacked: bool
    lines: list[BarLine] = field(default_factory=list)
    value_gap: int = VALUE_GAP

    @property
    def legend(self) -> bool:
        """Stacked segments need a legend; grouped bars name their series on each line."""
        return self.stacked and len(self.series) > 1


def number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 1)


def _pct(value: float) -> float:
    return round(value, 2)


def _span(rows: Sequence[ChartRow]) -> float:
    """Percent of the width the largest bar may take, leaving room for the widest value after it."""
    widest = max((text_width(display_number(number(v))) for row in rows for v in row.values), default=0)
    return min(MAX_SPAN, 100 * (MIN_WIDTH - VALUE_GAP - widest - 2) / MIN_WIDTH)


def _bar(label: Label, series: Series, value: float, *, y: float, height: int, scale: float) -> BarLine:
    width = _pct(max(0.5, value * scale)) if value else 0.0
    return BarLine(
        label=label,
        y=y,
        bar_height=height,
        segments=[Segment(series=series, value=number(value), x=0.0, width=width)],
        value_text=display_number(number(value)),  # 54,1 in Dutch; coordinates stay 54.1 (localize off)
        value_x=width,
        text_y=round(y + height / 2 + 4.5, 1),
    )


def _grouped_lines(rows: Sequence[ChartRow], series: Sequence[Series], *, top: float) -> tuple[list[BarLine], float]:
    scale = _span(rows) / top
    grouped = len(series) > 1
    height = GROUPED_BAR_HEIGHT if grouped else BAR_HEIGHT
    lines, y = [], 0.0
    for row in rows:
        heading = None
        if grouped:
            heading, y = wrap_label(row.label, top=y, bold=True)
        for i, (s, value) in enumerate(zip(series, row.values, strict=True)):
            label, y = wrap_label(s.label if grouped else row.label, top=y)
            line = _bar(label, s, value, y=y, height=height, scale=scale)
            line.heading = heading if i == 0 else None
            lines.append(line)
            y += height + (6 if grouped else ROW_GAP)
        y += ROW_GAP if grouped else 0
    return lines, y


def _stacked_lines(
    rows: Sequence[ChartRow], series: Sequence[Series], *, marker_max: float
) -> tuple[list[BarLine], float]:
    lines, y = [], 0.0
    for row in rows:
        label, y = wrap_label(row.label, top=y)
        total = sum(row.values)
        x, segments = 0.0, []
        for s, value in zip(series, row.values, strict=True):
            if total and value:
                width = 100 * value / total
                segments.append(Segment(series=s, value=number(value), x=_pct(x), width=_pct(width)))
                x += width
        marker_x = None
        if row.marker is not None:
            marker_x = _pct(100 * min(max(row.marker, 0), marker_max) / marker_max)
        lines.append(BarLine(label=label, y=y, bar_height=BAR_HEIGHT, segments=segments, marker_x=marker_x))
        y += BAR_HEIGHT + ROW_GAP
    return lines, y


def bar_chart(
    rows: Sequence[ChartRow],
    *,
    key: str,
    title: str,
    description: str = "",
    series: Sequence[Series] = (Series(key="value", label=""),),
    maximum: float | None = None,
    stacked: bool = False,
    marker_max: float = 10,
) -> BarChart:
    """Geometry for templates/includes/bar_chart.html.

    Grouped bars share one scale: the largest value (or `maximum`, e.g. 100 for percentages).
    Stacked bars fill the width: each segment is its share of its row's total.
    """
    if stacked:
        lines, height = _stacked_lines(rows, series, marker_max=marker_max)
    else:
        top = max([v for row in rows for v in row.values] + [maximum or 0, 1])
        lines, height = _grouped_lines(rows, series, top=top)
    return BarChart(
        key=key,
        title=title,
        description=description,
        height=max(round(height), 1),
        series=list(series),
        stacked=stacked,
        lines=lines,
    )
