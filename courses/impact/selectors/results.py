"""Level 4 of the impact report: the group's business figure around the end of the course.

Each person's months are counted from the month their course ended (a cohort's end date, or the
day they completed it), so a group whose people finished at different times still lines up.
Per month the group average needs GROUP_THRESHOLD people; "before" and "after" are averaged
per person first, over the people who have both. A trend is not proof of cause: the page says so.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.impact.models import GROUP_THRESHOLD, KpiValue
from courses.impact.selectors.access import Scope
from courses.impact.selectors.report import Figure, figure
from lms.charts import LineChart, LineSeries, line_chart

WINDOW = 6  # months before and after the course's end that the report shows


@dataclass
class KpiMonth:
    offset: int
    n: int
    value: float | None

    @property
    def label(self) -> str:
        return f"{self.offset:+d}" if self.offset else "0"


@dataclass
class KpiMetric:
    metric: str
    months: list[KpiMonth]
    before: Figure
    after: Figure
    chart: LineChart | None

    @property
    def change(self) -> float | None:
        if self.before.value is None or self.after.value is None:
            return None
        return round(self.after.value - self.before.value, 2)

    @property
    def figures(self) -> list[Figure]:
        return [self.before, self.after]


def _offset(month: datetime.date, end: datetime.date) -> int:
    return (month.year - end.year) * 12 + month.month - end.month


def results(scope: Scope) -> list[KpiMetric]:
    """One query: the group's figures; everything else is arithmetic."""
    qs = KpiValue.objects.filter(user_id__in=scope.user_ids)
    if scope.organization is not None:
        qs = qs.filter(organization=scope.organization)
    per: dict[str, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for uid, metric, month, value in qs.values_list("user_id", "metric", "month", "value"):
        end = scope.people.get(uid)
        if end is None:
            continue
        offset = _offset(month, end)
        if -WINDOW <= offset <= WINDOW:
            per[metric][uid][offset] = float(value)
    return [_metric(metric, people, index=i) for i, (metric, people) in enumerate(sorted(per.items()), start=1)]


def _metric(metric: str, people: dict[int, dict[int, float]], *, index: int) -> KpiMetric:
    months = []
    for offset in range(-WINDOW, WINDOW + 1):
        values = [m[offset] for m in people.values() if offset in m]
        if values:
            f = figure("", values)
            months.append(KpiMonth(offset, f.n, f.value))
    before, after = [], []
    for m in people.values():
        b = [v for o, v in m.items() if o < 0]
        a = [v for o, v in m.items() if o > 0]
        if b and a:
            before.append(sum(b) / len(b))
            after.append(sum(a) / len(a))
    shown = [m for m in months if m.value is not None]
    chart = None
    if len(shown) >= 2:
        chart = line_chart(
            [m.label for m in months],
            [LineSeries("group", _("Group average"), [m.value for m in months])],
            key=f"kpi-{index}",
            title=metric,
            description=_("The group's average per month, counted from the month the course ended."),
            minimum=min(0, min(m.value for m in shown)),
        )
    return KpiMetric(
        metric,
        months,
        figure(_("Months before"), before),
        figure(_("Months after"), after),
        chart,
    )


def enough(n: int) -> bool:
    return n >= GROUP_THRESHOLD
