"""The site's one chart helper: server-rendered SVG bar charts and line charts.

    bar_chart(rows, key=…, title=…)        -> templates/includes/bar_chart.html
    line_chart(x_labels, series, key=…, …) -> templates/includes/line_chart.html

How text stays readable and whole (the approach, chosen on purpose)
--------------------------------------------------------------------
An SVG with a ``viewBox`` scales everything with its width, text included: a chart drawn
640 units wide showed 13-unit text at about 6 px on a phone, and labels right-aligned against
a narrow label column were cut off at the left edge. These charts therefore have **no
viewBox**: one SVG user unit is one CSS pixel, so text is drawn at exactly its CSS size
(13 px, see the chart block in lms/static/css/site.css) at every screen width. Only the
horizontal geometry stretches: x positions and widths are percentages of the chart's width,
vertical positions are pixels (the height is computed here).

- **Labels sit above their bar**, never in a column beside it, so a label has the chart's
  whole width. Each label is wrapped, by words, to the width the chart has on a 360 px phone
  (``MIN_WIDTH``), measured with a deliberately generous per-character width estimate
  (``text_width``). A label needing more than ``MAX_LINES`` lines is shortened with an ellipsis
  and its ``<text>`` carries the full label in a ``<title>`` (a tooltip, read by screen readers).
- A bar's value is drawn right after the bar; bars use at most ``BAR_SPAN`` percent of the
  width so the value always has room.
- Line charts put their points in equal slots across the width; x labels that would collide
  on a phone are thinned out (every k-th shown; every point still has a ``<title>``).
- Below ``MIN_WIDTH`` (never on a 360 px phone) the figure scrolls inside its own box
  instead of clipping.

Accessibility: each SVG is ``role="img"`` with ``aria-labelledby`` pointing at its ``<title>``
and ``<desc>``; the numbers are in a table (the page's own table for bar charts, a
"Show as table" ``<details>`` in the line chart include). Series differ by colour and by dash
pattern, never by colour alone.
"""

from __future__ import annotations

from lms.charts.bars import BarChart, BarLine, ChartRow, Segment, Series, bar_chart
from lms.charts.lines import LineChart, LineSeries, line_chart
from lms.charts.text import FONT_SIZE, MAX_LINES, MIN_WIDTH, Label, TextLine, text_width, wrap_label

__all__ = [
    "FONT_SIZE",
    "MAX_LINES",
    "MIN_WIDTH",
    "BarChart",
    "BarLine",
    "ChartRow",
    "Label",
    "LineChart",
    "LineSeries",
    "Segment",
    "Series",
    "TextLine",
    "bar_chart",
    "line_chart",
    "text_width",
    "wrap_label",
]
