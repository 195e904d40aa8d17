"""`make bench`'s own parts: the cohort-start rush walks the real login form, and the goal table
judges every measure of issue 18 (tools/bench/rush.py, tools/bench/report.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from courses.models import LessonProgress
from tests.factories import PASSWORD, EnrollmentFactory, LessonFactory, UserFactory
from tools.bench.load import LoadResult, merged, paired_ratio
from tools.bench.report import goals
from tools.bench.rush import Participant, run_rush


@pytest.mark.django_db(transaction=True)
def test_bench_rush_logs_in_through_the_form_and_completes_the_first_lesson(live_server):
    """A participant logs in with CSRF token and password and marks the lesson done (a row proves
    it); one with a wrong password is counted as a login error, not silently as a success."""
    lesson = LessonFactory()
    course = lesson.course
    LessonFactory(module=lesson.module, course=course)  # the course goes on: no certificate to render here
    good, bad = UserFactory(), UserFactory()
    for user in (good, bad):
        EnrollmentFactory(user=user, course=course)
    complete = reverse("courses:lesson_complete", kwargs={"course_slug": course.slug, "lesson_slug": lesson.slug})
    people = [
        Participant(good.email, PASSWORD, course.get_absolute_url(), lesson.get_absolute_url(), complete),
        Participant(bad.email, "not-the-password", course.get_absolute_url(), lesson.get_absolute_url(), complete),
    ]
    url = urlsplit(live_server.url)

    summary = run_rush(host=url.hostname, port=url.port, participants=people, window=0.2, timeout=20).summary()

    assert LessonProgress.objects.filter(user=good, lesson=lesson).exists()
    assert not LessonProgress.objects.filter(user=bad).exists()
    assert summary["steps"]["log in"] == {**summary["steps"]["log in"], "requests": 2, "errors": 1}
    assert summary["steps"]["mark complete"]["requests"] == 1
    assert summary["steps"]["mark complete"]["errors"] == 0
    assert summary["errors"] == 1
    assert summary["errors_by_kind"] == {"status 200": 1}  # the form shown again, not a redirect


def test_bench_goals_judge_each_figure_and_never_pass_a_missing_one():
    """Met goals pass, missed ones say MISS, and a stage that produced nothing is n/a."""
    report = {
        "pages": [{"name": "lesson page", "ratio_to_minimal": 0.3}, {"name": "org dashboard", "p95_ms": 180.0}],
        "reminders": {"ratio": 0.95},
        "rush": {"errors": 0, "worst_step_p95_ms": 900.0},
        "page_weight": {
            "home": {"first_kb_without_images": 70.0, "render_blocking_scripts": [], "repeat_fetches_only_html": True}
        },
    }
    verdicts = {name: verdict for name, _value, _goal, verdict in goals(report)}

    assert verdicts["lesson page, ratio to /ping"] == "pass"
    assert verdicts["reminder sweep, ratio to raw send_messages"] == "pass"
    assert verdicts["org dashboard, 1,000 members, p95 ms"] == "MISS"
    assert verdicts["cohort rush, worst step p95 ms"] == "MISS"
    assert verdicts["cohort rush, errors"] == "pass"
    assert verdicts["page weight home, first load KB w/o images"] == "pass"
    assert verdicts["trainer analytics, 10,000 enrollments, p95 ms"] == "n/a"
    assert verdicts["Celery worker RSS after the sweep, MB"] == "n/a"
    assert verdicts["page weight lesson, first load KB w/o images"] == "n/a"


def _round(requests: int, seconds: float) -> LoadResult:
    return LoadResult(requests=requests, errors=0, seconds=seconds, latencies_ms=[seconds * 1000 / requests] * requests)


def test_bench_ratio_compares_each_page_round_with_the_baseline_around_it():
    """A machine that slows down halfway (baseline 1,000 then 500 req/s) must not halve the page's
    ratio: each page round is held against the baseline rounds just before and after it."""
    baselines = [_round(200, 0.2), _round(200, 0.2), _round(200, 0.4), _round(200, 0.4)]  # 1000, 1000, 500, 500/s
    pages = [_round(100, 0.4), _round(100, 0.8), _round(100, 0.8)]  # 250, 125, 125/s: always a quarter
    # Rounds: 250 / 1000, 125 / 750 (the slowdown fell inside it), 125 / 500: 0.25, 0.17, 0.25, the
    # median 1/4. One baseline for the whole run would give 150 / 667 = 0.22; measured first, 0.15.
    assert paired_ratio(pages, baselines) == pytest.approx(0.25)
    with pytest.raises(ValueError):
        paired_ratio(pages, baselines[:3])


def test_bench_merged_rounds_add_up():
    both = merged([_round(100, 0.5), _round(50, 0.5)])
    assert (both.requests, both.seconds, len(both.latencies_ms)) == (150, 1.0, 150)
    assert both.rps == pytest.approx(150.0)
