"""The whole impact report for one scope, and its CSV rows (the same numbers as the page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from courses.impact.models import GROUP_THRESHOLD
from courses.impact.selectors import report as levels
from courses.impact.selectors.access import Scope
from courses.impact.selectors.pulse import PulseSummary, pulse_summary
from courses.impact.selectors.results import KpiMetric, results
from lms.charts import BarChart


@dataclass
class ImpactReport:
    scope: Scope
    reaction: levels.Reaction
    learning: levels.Learning
    followthrough: list[levels.FollowThroughRow]
    followthrough_chart: BarChart | None
    observers: list[levels.ObserverRow]
    pulse: PulseSummary
    results: list[KpiMetric]
    threshold: int = GROUP_THRESHOLD

    @property
    def people(self) -> int:
        return len(self.scope.people)


def impact_report(*, scope: Scope) -> ImpactReport:
    followthrough = levels.followthrough(scope)
    return ImpactReport(
        scope=scope,
        reaction=levels.reaction(scope),
        learning=levels.learning(scope),
        followthrough=followthrough,
        followthrough_chart=levels.followthrough_chart(followthrough),
        observers=levels.observer_rows(scope),
        pulse=pulse_summary(scope),
        results=results(scope),
    )


def report_csv_rows(report: ImpactReport) -> list[list[Any]]:
    """level, measure, group, value, people. A figure under the threshold has an empty value."""
    rows: list[list[Any]] = []
    for f in report.reaction.figures:
        rows.append([1, f.label, f.scale, f.value, f.n])
    for f in report.learning.figures:
        rows.append([2, f.label, report.learning.quiz_title, f.value, f.n])
    for r in report.followthrough:
        for key, value in ((_("Yes"), r.yes), (_("Partly"), r.partly), (_("Not yet"), r.not_yet)):
            rows.append([3, _("Check-in follow-through (%)"), f"{r.label}: {key}", value, r.n])
    for r in report.observers:
        for f in (r.baseline, r.last):
            rows.append([3, _("Observer rating (1-7)"), f"{r.theme}: {f.label}", f.value, f.n])
    for f in report.pulse.figures:
        rows.append([3, _("Team coaching pulse (1-7)"), f.label, f.value, f.n])
    for m in report.results:
        for month in m.months:
            rows.append([4, m.metric, _("Month %(offset)s") % {"offset": month.label}, month.value, month.n])
        for f in (m.before, m.after):
            rows.append([4, m.metric, f.label, f.value, f.n])
    return rows
