"""Analytics tables and the server-rendered SVG bar charts drawn from them.

A `Table` is the single source of a chart, its accessible HTML table and its CSV export.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field


@dataclass
class Bar:
    label: str
    value: float | int
    x: float
    y: float
    width: float
    height: float
    label_y: float


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart_column: int | None = None  # which column the bar chart draws; None: no chart
    chart_max: float | None = None  # e.g. 100 for percentages

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        for row in self.rows:
            # Spreadsheet formula injection: a cell must not start with = + - @.
            writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
        return out.getvalue()

    @property
    def chart(self) -> dict | None:
        if self.chart_column is None or not self.rows:
            return None
        return bar_chart([(str(r[0]), float(r[self.chart_column] or 0)) for r in self.rows], maximum=self.chart_max)


BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 220
CHART_WIDTH = 640


def bar_chart(points: list[tuple[str, float]], *, maximum: float | None = None) -> dict:
    """Horizontal bars: geometry for templates/courses/includes/studio_chart.html."""
    top = max([v for _, v in points] + [maximum or 0, 1])
    span = CHART_WIDTH - LABEL_WIDTH - 60
    bars = []
    for i, (label, value) in enumerate(points):
        y = i * (BAR_HEIGHT + GAP)
        bars.append(
            Bar(
                label=label[:40],
                value=int(value) if float(value).is_integer() else round(value, 1),
                x=LABEL_WIDTH,
                y=y,
                width=max(1.0, span * value / top) if value else 0,
                height=BAR_HEIGHT,
                label_y=y + BAR_HEIGHT * 0.7,
            )
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": len(points) * (BAR_HEIGHT + GAP), "label_x": LABEL_WIDTH - 8}
