"""Line charts: several series over the same x labels (templates/includes/line_chart.html).

For example a participant's self-rating and their observers' average over check-ins::

    line_chart(
        ["1 May", "8 May", "29 May"],
        [LineSeries("self", _("You"), [6, 7, 8]), LineSeries("observers", _("Observers"), [5, None, 7])],
        key="ratings", title=_("How natural it felt, 0 to 10"), maximum=10,
    )

A value of None is a gap: no point, and the line is not drawn across it. The approach
(no viewBox: px text, percentage x) is described in lms.charts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from lms.charts.bars import number
from lms.charts.text import MIN_WIDTH, text_width, wrap_lines
from lms.templatetags.numbers import display_number

PLOT_TOP = 20  # px above the plot: room for the top tick label
PLOT_HEIGHT = 150
X_LABEL_ROOM = 26  # px below the plot for the x labels
X_LABEL_MAX = 110  # px: a longer x label is shortened (its point's <title> has it in full)
DASHES = ("", "7 4", "2 3", "10 3 2 3")  # series differ by dash pattern as well as colour


@dataclass(frozen=True)
class LineSeries:
    key: str  # CSS class suffix: the line is drawn with class "line-<key>"
    label: str
    values: Sequence[float | None]  # one per x label


@dataclass
class Point:
    x: float  # percent
    y: float  # px
    value: float | int
    title: str


@dataclass
class XLabel:
    text: str
    x: float  # percent
    anchor: str  # "start", "middle" or "end": edge labels are kept inside the chart
    full: str = ""  # set when `text` was shortened


@dataclass
class Tick:
    text: str
    y: float  # px, the grid line
    text_y: float  # px, the label's baseline, just above its line


@dataclass
class DrawnSeries:
    key: str
    label: str
    dash: str
    index: int  # 1-based: CSS class "series-<index>" gives the colour
    points: list[Point] = field(default_factory=list)
    segments: list[tuple[Point, Point]] = field(default_factory=list)


@dataclass
class LineChart:
    key: str
    title: str
    description: str
    height: int
    plot_bottom: float
    x_label_y: float
    x_labels: list[XLabel]
    ticks: list[Tick]
    series: list[DrawnSeries]
    table_rows: list[list]  # [x label, value or "–" per series]


def nice_maximum(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _x_labels(labels: Sequence[str]) -> list[XLabel]:
    """Labels centred under their points, thinned out so they never collide at MIN_WIDTH."""
    n = len(labels)
    slot = MIN_WIDTH / max(n, 1)
    shortened = []
    for label in labels:
        lines, cut = wrap_lines(str(label), width=X_LABEL_MAX, max_lines=1)
        shortened.append((lines[0] if lines else "", cut))
    widest = max((text_width(text) for text, _cut in shortened), default=0)
    step = max(1, math.ceil((widest + 8) / slot))
    result = []
    for i in range(0, n, step):
        text, cut = shortened[i]
        centre, half = (i + 0.5) * slot, text_width(text) / 2
        anchor = "start" if centre - half < 0 else "end" if centre + half > MIN_WIDTH else "middle"
        result.append(
            XLabel(text=text, x=round(100 * (i + 0.5) / n, 2), anchor=anchor, full=str(labels[i]) if cut else "")
        )
    return result


def _series(s: LineSeries, index: int, labels: Sequence[str], *, y_of, minimum: float, maximum: float) -> DrawnSeries:
    drawn = DrawnSeries(key=s.key, label=s.label, dash=DASHES[index % len(DASHES)], index=index % 4 + 1)
    previous = None
    for i, value in enumerate(s.values):
        if value is None:
            previous = None
            continue
        point = Point(
            x=round(100 * (i + 0.5) / len(labels), 2),
            y=y_of(min(max(value, minimum), maximum)),
            value=number(value),
            title=f"{s.label}, {labels[i]}: {display_number(number(value))}",
        )
        drawn.points.append(point)
        if previous is not None:
            drawn.segments.append((previous, point))
        previous = point
    return drawn


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[LineSeries],
    *,
    key: str,
    title: str,
    description: str = "",
    minimum: float = 0,
    maximum: float | None = None,
    ticks: Sequence[float] | None = None,
) -> LineChart:
    """Geometry for templates/includes/line_chart.html: `series` values share one y scale from
    `minimum` to `maximum` (default: a round number above the largest value)."""
    for s in series:
        if len(s.values) != len(x_labels):
            raise ValueError(f"series {s.key!r} has {len(s.values)} values for {len(x_labels)} x labels")
    values = [v for s in series for v in s.values if v is not None]
    top = maximum if maximum is not None else nice_maximum(max(values + [minimum + 1]))
    span = (top - minimum) or 1

    def y_of(value: float) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT * (1 - (value - minimum) / span), 1)

    tick_values = ticks if ticks is not None else (minimum, minimum + span / 2, top)
    bottom = PLOT_TOP + PLOT_HEIGHT
    return LineChart(
        key=key,
        title=title,
        description=description,
        height=bottom + X_LABEL_ROOM,
        plot_bottom=bottom,
        x_label_y=bottom + 18,
        x_labels=_x_labels(x_labels),
        ticks=[Tick(text=display_number(number(t)), y=y_of(t), text_y=y_of(t) - 4) for t in tick_values],
        series=[_series(s, i, x_labels, y_of=y_of, minimum=minimum, maximum=top) for i, s in enumerate(series)],
        table_rows=[
            [label] + ["–" if s.values[i] is None else number(s.values[i]) for s in series]
            for i, label in enumerate(x_labels)
        ],
    )
