"""The one SVG bar chart: geometry for the three shapes, and the include that draws it."""

from django.template.loader import render_to_string

from lms.charts import ChartRow, Series, bar_chart

THREE = (Series("a", "A"), Series("b", "B"), Series("c", "C"))


def test_bar_chart_single_series_scales_to_the_largest_value():
    chart = bar_chart([ChartRow("x", [50]), ChartRow("y", [100]), ChartRow("z", [0])], key="k", title="T")
    widths = [line.segments[0].width for line in chart.lines]
    assert widths[1] == 2 * widths[0]
    assert widths[2] == 0
    assert [line.value_text for line in chart.lines] == ["50", "100", "0"]
    assert not chart.legend


def test_bar_chart_maximum_fixes_the_scale_for_percentages():
    chart = bar_chart([ChartRow("x", [50])], key="k", title="T", maximum=100, width=640, label_width=220)
    span = 640 - 220 - 60
    assert chart.lines[0].segments[0].width == span / 2


def test_bar_chart_grouped_series_get_a_heading_and_a_line_each():
    chart = bar_chart([ChartRow("Course one", [4, 2, 1])], key="k", title="T", series=THREE)
    assert [line.label for line in chart.lines] == ["A", "B", "C"]
    assert chart.lines[0].heading == "Course one"
    assert not chart.legend  # each line names its series


def test_bar_chart_stacked_segments_share_the_row_and_place_the_marker():
    chart = bar_chart(
        [ChartRow("1 May", [2, 1, 1], marker=5)], key="k", title="T", series=THREE, stacked=True, label_width=80
    )
    line = chart.lines[0]
    span = 640 - 80 - 60
    assert [s.width for s in line.segments] == [span / 2, span / 4, span / 4]
    assert line.segments[1].x == line.segments[0].x + line.segments[0].width
    assert line.marker_x == 80 + span / 2
    assert chart.legend


def test_bar_chart_include_is_an_accessible_image():
    chart = bar_chart(
        [ChartRow("x", [1, 2, 0], marker=3)], key="ft", title="Title", description="Desc", series=THREE, stacked=True
    )
    html = render_to_string("includes/bar_chart.html", {"chart": chart, "marker_label": "Natural"})
    assert 'role="img"' in html and 'aria-labelledby="chart-ft-title chart-ft-desc"' in html
    assert '<title id="chart-ft-title">Title</title>' in html
    assert html.count("<rect") == 2  # a zero segment draws nothing
    assert "<circle" in html and "Natural" in html
