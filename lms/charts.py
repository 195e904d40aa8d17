"""One server-rendered SVG bar chart for every page (templates/includes/bar_chart.html).

Horizontal bars, one line per value. Three shapes share the geometry:
- one series (studio analytics): a line per row, labelled with the row;
- several series, grouped (organization summary): a heading per row, a line per series;
- several series, stacked (follow-through): one line per row, the segments sharing it as
  parts of the row's total, with an optional marker (a dot on its own 0..marker_max scale).

Every chart is drawn next to an accessible table with the same numbers; the SVG is
`role="img"` with a title and a description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

BAR_HEIGHT = 22
GAP = 6
VALUE_ROOM = 60  # room right of the longest bar for its value
TOP = 4  # room above the first line for the ascenders of its text
LABEL_CHARS = 40
HEADING_CHARS = 60


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
    x: float
    width: float


@dataclass
class Line:
    label: str
    y: float
    text_y: float
    segments: list[Segment]
    value_text: str = ""
    value_x: float = 0.0
    heading: str = ""
    heading_y: float = 0.0
    marker_x: float | None = None
    marker_y: float = 0.0


@dataclass
class BarChart:
    key: str
    title: str
    description: str
    width: int
    height: float
    label_x: float
    bar_height: int
    series: list[Series]
    stacked: bool
    lines: list[Line] = field(default_factory=list)

    @property
    def legend(self) -> bool:
        """Stacked segments need a legend; grouped bars name their series on each line."""
        return self.stacked and len(self.series) > 1


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 1)


def _text_y(y: float, bar_height: int) -> float:
    return round(y + bar_height * 0.7, 1)


def _grouped_lines(
    rows: Sequence[ChartRow], series: Sequence[Series], *, left: int, span: float, top: float, bar_height: int
) -> tuple[list[Line], float]:
    lines, y = [], float(TOP)
    for row in rows:
        heading = row.label[:HEADING_CHARS] if len(series) > 1 else ""
        heading_y = _text_y(y, bar_height)
        y += bar_height if heading else 0
        for s, value in zip(series, row.values, strict=True):
            width = max(1.0, span * value / top) if value else 0.0
            lines.append(
                Line(
                    label=s.label if heading else row.label[:LABEL_CHARS],
                    y=y,
                    text_y=_text_y(y, bar_height),
                    segments=[Segment(series=s, value=_number(value), x=left, width=round(width, 1))],
                    value_text=str(_number(value)),
                    value_x=round(left + width + 6, 1),
                    heading=heading if s == series[0] else "",
                    heading_y=heading_y,
                )
            )
            y += bar_height + GAP
        y += GAP if heading else 0
    return lines, y


def _stacked_lines(
    rows: Sequence[ChartRow], series: Sequence[Series], *, left: int, span: float, marker_max: float, bar_height: int
) -> tuple[list[Line], float]:
    lines, y = [], float(TOP)
    for row in rows:
        total = sum(row.values)
        x, segments = float(left), []
        for s, value in zip(series, row.values, strict=True):
            if total and value:
                width = span * value / total
                segments.append(Segment(series=s, value=_number(value), x=round(x, 1), width=round(width, 1)))
                x += width
        marker_x = None if row.marker is None else round(left + span * min(row.marker, marker_max) / marker_max, 1)
        lines.append(
            Line(
                label=row.label[:LABEL_CHARS],
                y=y,
                text_y=_text_y(y, bar_height),
                segments=segments,
                marker_x=marker_x,
                marker_y=y + bar_height / 2,
            )
        )
        y += bar_height + GAP
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
    width: int = 640,
    label_width: int = 220,
    bar_height: int = BAR_HEIGHT,
) -> BarChart:
    """Geometry for templates/includes/bar_chart.html.

    Grouped bars share one scale: the largest value (or `maximum`, e.g. 100 for percentages).
    Stacked bars fill the width: each segment is its share of its row's total.
    """
    span = width - label_width - VALUE_ROOM
    if stacked:
        lines, height = _stacked_lines(
            rows, series, left=label_width, span=span, marker_max=marker_max, bar_height=bar_height
        )
    else:
        top = max([v for row in rows for v in row.values] + [maximum or 0, 1])
        lines, height = _grouped_lines(rows, series, left=label_width, span=span, top=top, bar_height=bar_height)
    return BarChart(
        key=key,
        title=title,
        description=description,
        width=width,
        height=max(height, 1),
        label_x=label_width - 8,
        bar_height=bar_height,
        series=list(series),
        stacked=stacked,
        lines=lines,
    )
