"""The one chart helper (lms.charts): bar and line chart geometry, label wrapping, the includes
that draw them, and (marked `browser`) the rendered text size and clipping at 360 px."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from courses.exercises.services import quiz_save
from lms.charts import (
    MAX_LINES,
    MIN_WIDTH,
    ChartRow,
    LineSeries,
    Series,
    bar_chart,
    line_chart,
    text_width,
    wrap_label,
)
from lms.charts.bars import MAX_SPAN
from tests.factories import PASSWORD, CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, TrainerFactory

THREE = (Series("a", "A"), Series("b", "B"), Series("c", "C"))
LONG = "Leading well means coaching well: the manager as coach in every weekly one-to-one"
VERY_LONG = " ".join(["Reading well means coaching well and listening before advising"] * 4)


def _texts(html: str) -> list[str]:
    """The text content of every <text> element, <title> left out."""
    texts = re.findall(r"<text[^>]*>(.*?)</text>", html, flags=re.S)
    return [re.sub(r"<title>.*?</title>|<[^>]+>", " ", t) for t in texts]


# --- labels --------------------------------------------------------------------------------------


def test_long_label_wraps_whole_onto_lines_that_fit_a_phone():
    """The old chart cut labels to 40 characters and right-aligned them against a narrow column,
    so the start fell off the left edge ("eading well means coaching well")."""
    label, _bottom = wrap_label(LONG, top=0)
    assert 1 < len(label.lines) <= MAX_LINES and not label.truncated
    assert " ".join(line.text for line in label.lines) == LONG
    assert all(text_width(line.text) <= MIN_WIDTH for line in label.lines)
    assert [line.y for line in label.lines] == sorted(line.y for line in label.lines)


def test_label_too_long_for_three_lines_is_shortened_with_an_ellipsis_and_a_title():
    label, _bottom = wrap_label(VERY_LONG, top=0)
    assert len(label.lines) == MAX_LINES and label.truncated
    assert label.lines[-1].text.endswith("…")
    chart = bar_chart([ChartRow(VERY_LONG, [3])], key="k", title="T")
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    assert f"<title>{VERY_LONG}</title>" in html


def test_a_word_longer_than_a_line_is_broken_not_clipped():
    word = "Verkoopcoachingsvaardigheidsontwikkelingstraject" * 2
    label, _bottom = wrap_label(word, top=0)
    assert "".join(line.text for line in label.lines).rstrip("…") in word
    assert all(text_width(line.text) <= MIN_WIDTH for line in label.lines)


@pytest.mark.parametrize("label", [LONG, VERY_LONG, "Short", "Ünïcode – “quotes” ✓ " * 5])
def test_rendered_labels_are_never_shortened_without_a_title_carrying_the_full_text(label):
    chart = bar_chart([ChartRow(label, [5])], key="k", title="T")
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    shown = " ".join(" ".join(_texts(html)[0].split()).split())
    full = " ".join(label.split())
    assert shown == full or (shown.endswith("…") and f"<title>{label}</title>" in html)


# --- bar charts -----------------------------------------------------------------------------------


def test_bar_chart_single_series_scales_to_the_largest_value():
    chart = bar_chart([ChartRow("x", [50]), ChartRow("y", [100]), ChartRow("z", [0])], key="k", title="T")
    widths = [line.segments[0].width for line in chart.lines]
    assert widths[1] == 2 * widths[0] and widths[1] <= MAX_SPAN
    assert widths[2] == 0
    assert [line.value_text for line in chart.lines] == ["50", "100", "0"]
    assert not chart.legend


def test_bar_chart_leaves_room_after_the_longest_bar_for_its_value():
    chart = bar_chart([ChartRow("x", [123456])], key="k", title="T")
    line = chart.lines[0]
    assert MIN_WIDTH * line.value_x / 100 + chart.value_gap + text_width(line.value_text) <= MIN_WIDTH


def test_bar_chart_maximum_fixes_the_scale_for_percentages():
    chart = bar_chart([ChartRow("x", [50])], key="k", title="T", maximum=100)
    full = bar_chart([ChartRow("x", [100])], key="k", title="T", maximum=100)
    assert chart.lines[0].segments[0].width * 2 == pytest.approx(full.lines[0].segments[0].width, abs=0.02)


def test_bar_chart_labels_sit_above_their_bars_and_rows_do_not_overlap():
    chart = bar_chart([ChartRow(LONG, [4]), ChartRow("Two", [2])], key="k", title="T")
    first, second = chart.lines
    assert first.label.lines[-1].y < first.y  # the label's last baseline is above its bar
    assert first.y + first.bar_height < second.label.lines[0].y - 10
    assert chart.height >= second.y + second.bar_height


def test_bar_chart_grouped_series_get_a_heading_and_a_line_each():
    chart = bar_chart([ChartRow("Course one", [4, 2, 1])], key="k", title="T", series=THREE)
    assert [line.label.full for line in chart.lines] == ["A", "B", "C"]
    assert chart.lines[0].heading.full == "Course one" and chart.lines[1].heading is None
    assert not chart.legend  # each line names its series


def test_bar_chart_stacked_segments_share_the_row_and_place_the_marker():
    chart = bar_chart([ChartRow("1 May", [2, 1, 1], marker=5)], key="k", title="T", series=THREE, stacked=True)
    line = chart.lines[0]
    assert [s.width for s in line.segments] == [50, 25, 25]
    assert line.segments[1].x == line.segments[0].x + line.segments[0].width
    assert line.marker_x == 50
    assert chart.legend


def test_bar_chart_include_is_an_accessible_image_without_a_viewbox():
    chart = bar_chart(
        [ChartRow("x", [1, 2, 0], marker=3)], key="ft", title="Title", description="Desc", series=THREE, stacked=True
    )
    html = render_to_string("includes/bar_chart.html", {"chart": chart, "marker_label": "Natural"})
    assert 'role="img"' in html and 'aria-labelledby="chart-ft-title chart-ft-desc"' in html
    assert '<title id="chart-ft-title">Title</title>' in html and '<desc id="chart-ft-desc">Desc</desc>' in html
    assert "viewBox" not in html  # text keeps its CSS size: the SVG is never scaled down
    assert html.count("<rect") == 2  # a zero segment draws nothing
    assert "<circle" in html and "Natural" in html


# --- line charts ----------------------------------------------------------------------------------


def _ratings():
    return line_chart(
        ["1 May", "8 May", "29 May", "5 Jun"],
        [
            LineSeries("self", "You", [6, 7, None, 8]),
            LineSeries("observers", "Observers' average", [5, 6.5, 6, 7]),
        ],
        key="ratings",
        title="How natural it felt",
        description="Self-rating and the observers' average per check-in.",
        maximum=10,
    )


def test_line_chart_places_points_in_slots_on_one_scale():
    chart = _ratings()
    me, observers = chart.series
    assert [p.x for p in observers.points] == [12.5, 37.5, 62.5, 87.5]
    assert [p.value for p in observers.points] == [5, 6.5, 6, 7]
    bottom, top = chart.plot_bottom, chart.ticks[-1].y
    assert observers.points[0].y == pytest.approx(bottom - (bottom - top) * 0.5)  # 5 of 10: half-way up
    assert [t.text for t in chart.ticks] == ["0", "5", "10"]


def test_line_chart_gap_breaks_the_line():
    me = _ratings().series[0]
    assert [p.value for p in me.points] == [6, 7, 8]  # no point for the missing check-in
    assert len(me.segments) == 1  # 1 May–8 May; nothing drawn across the gap
    assert (me.segments[0][0].value, me.segments[0][1].value) == (6, 7)


def test_line_chart_series_differ_by_more_than_colour():
    me, observers = _ratings().series
    assert me.dash != observers.dash and me.index != observers.index


def test_line_chart_refuses_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="3 values for 4 x labels"):
        line_chart(["a", "b", "c", "d"], [LineSeries("s", "S", [1, 2, 3])], key="k", title="T")


def test_line_chart_thins_x_labels_that_would_collide_on_a_phone():
    labels = [f"{d} May 2026" for d in range(1, 21)]
    chart = line_chart(labels, [LineSeries("s", "S", list(range(20)))], key="k", title="T")
    shown = chart.x_labels
    assert 1 < len(shown) < 20
    slot = MIN_WIDTH / 20
    gaps = [(b.x - a.x) / 100 * MIN_WIDTH for a, b in zip(shown, shown[1:], strict=False)]
    assert min(gaps) >= max(text_width(x.text) for x in shown) and gaps[0] >= slot
    assert shown[0].anchor == "start"  # a label that would stick out on the left is kept inside


def test_line_chart_include_draws_series_legend_and_a_table():
    html = render_to_string("includes/line_chart.html", {"chart": _ratings()})
    assert 'role="img"' in html and 'aria-labelledby="chart-ratings-title chart-ratings-desc"' in html
    assert "viewBox" not in html
    assert html.count('data-series="self"') == 1 and html.count('data-series="observers"') == 1
    assert html.count("<circle") == 7  # 3 + 4 points
    assert "<title>You, 8 May: 7</title>" in html
    assert "Observers&#x27; average" in html  # legend and table header
    table = html[html.index("<table") : html.index("</table>")]
    assert "Show as table" in html
    assert re.search(r"<th scope=\"row\">29 May</th><td>–</td><td>6</td>", table)
    assert re.search(r"<th scope=\"row\">8 May</th><td>7</td><td>6.5</td>", table)


# --- in a browser: 12 px or more, nothing clipped ------------------------------------------------

# For every chart <text>: its size on screen (CSS font size times the SVG's scale to the screen)
# and whether its box lies inside the chart's box and the viewport.
MEASURE_TEXT = """() => [...document.querySelectorAll("figure.chart svg[role=img] text")].map((el) => {
  const svg = el.ownerSVGElement, box = el.getBoundingClientRect(), frame = svg.getBoundingClientRect();
  return {
    text: el.textContent.trim(),
    size: parseFloat(getComputedStyle(el).fontSize) * svg.getScreenCTM().a,
    inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 8 && box.right <= window.innerWidth,
  };
})"""


@pytest.fixture
def analytics_course():
    """A trainer's course whose quiz question is the long analytics label that used to be cut off."""
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    module = ModuleFactory(course=course)
    LessonFactory(module=module, title="Reading well means coaching well: what a manager listens for first")
    quiz = ExerciseFactory(module=module, kind="quiz", slug="q", title="Check")
    quiz_save(
        exercise=quiz,
        pass_mark=50,
        max_attempts=None,
        questions=[
            {"text": LONG + "?", "options": [{"text": "yes", "correct": True}, {"text": "no"}]},
            {"text": VERY_LONG + "?", "options": [{"text": "yes", "correct": True}, {"text": "no"}]},
        ],
    )
    return trainer, reverse("courses:studio_analytics", args=[course.slug])


LINE_PAGE = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">
<link rel="stylesheet" href="/static/css/site.css"></head>
<body><main class="container"><section class="panel">{chart}</section></main></body></html>"""


def _assert_readable(page) -> int:
    found = page.evaluate(MEASURE_TEXT)
    assert found, "no chart text on the page"
    small = [t for t in found if t["size"] < 12]
    clipped = [t for t in found if not t["inside"]]
    assert small == [] and clipped == []
    return len(found)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_chart_text_is_at_least_12px_and_never_clipped(analytics_course, browser_page, width):
    """At 360 px the old 640-unit viewBox drew 13-unit text at about 6 px, and right-aligned labels
    lost their first letters off the left edge."""
    trainer, url = analytics_course
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", trainer.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    page.goto(url)
    assert _assert_readable(page) >= 6
    labels = page.evaluate(MEASURE_TEXT)
    assert any(t["text"].startswith("Leading well means") for t in labels)  # the label starts where it should
    chart = render_to_string("includes/line_chart.html", {"chart": _ratings()})
    page.set_content(LINE_PAGE.format(chart=chart))
    page.wait_for_load_state()
    assert _assert_readable(page) >= 7  # ticks and x labels
