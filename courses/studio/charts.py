"""Analytics tables: each is the single source of a chart, its accessible HTML table and its CSV export.

The chart geometry is the site's one bar chart (lms.charts); the CSV is the site's one writer
(lms.csv_export), which neutralises formula cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from lms.charts import BarChart, ChartRow, bar_chart
from lms.csv_export import csv_text


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
        return csv_text(self.columns, self.rows)

    @cached_property
    def chart(self) -> BarChart | None:
        """Built once per table: the template reads it twice (label widths are measured per row)."""
        if self.chart_column is None or not self.rows:
            return None
        return bar_chart(
            [ChartRow(label=str(r[0]), values=[float(r[self.chart_column] or 0)]) for r in self.rows],
            key=self.key,
            title=self.title,
            description=_("Bar chart. The same data is in the table below."),
            maximum=self.chart_max,
        )
