"""The impact report's figures, levels 1 to 3 (level 4 is in selectors.results).

Every figure carries the number of people behind it, and a figure for fewer than GROUP_THRESHOLD
people has no value at all (the page says so). Observer figures start from each participant's
round averages that the participant could see themselves (3+ answers), so no group figure can be
traced back to one observer. Queries are bounded: one or two per level, whatever the group size.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from courses.exercises.models import QuizAttempt
from courses.followup.models import CheckIn, CheckInAnswer
from courses.followup.models_observers import OBSERVER_THRESHOLD, ObserverRating
from courses.impact.models import GROUP_THRESHOLD, PrePostTest, ReactionSurvey
from courses.impact.selectors.access import Scope
from lms.charts import BarChart, ChartRow, Series, bar_chart


@dataclass
class Figure:
    label: str
    value: float | None  # None below the threshold
    n: int
    scale: str = ""

    @property
    def shown(self) -> bool:
        return self.value is not None


def figure(label: str, values: list[float], *, scale: str = "", n: int | None = None) -> Figure:
    people = len(values) if n is None else n
    if people < GROUP_THRESHOLD or not values:
        return Figure(label, None, people, scale)
    return Figure(label, round(sum(values) / len(values), 1), people, scale)


def reaction_survey_for(*, user, course) -> ReactionSurvey | None:
    """The participant's own answers (to show them again on their survey page)."""
    return ReactionSurvey.objects.filter(user=user, course=course).first()


def reaction_for_course_page(user, course, enrollment) -> dict:
    """learning's course_page_context hook: a completed course asks for the end-of-course survey once."""
    if enrollment is None or enrollment.status != "completed":
        return {}
    return {"reaction_survey_due": not ReactionSurvey.objects.filter(user=user, course=course).exists()}


@dataclass
class Reaction:
    n: int
    figures: list[Figure]
    answers: list[str] = field(default_factory=list)  # open answers: trainers only, shuffled, 5+ people


def reaction(scope: Scope) -> Reaction:
    rows = list(
        ReactionSurvey.objects.filter(course=scope.course, user_id__in=scope.user_ids).values_list(
            "relevance", "confidence", "recommend", "open_answer"
        )
    )
    recommend = [r[2] for r in rows]
    nps = [100 * (sum(v >= 9 for v in recommend) - sum(v <= 6 for v in recommend)) / len(recommend)] if rows else []
    figures = [
        figure(_("Relevance to my work"), [r[0] for r in rows], scale="1-7"),
        figure(_("Confidence to apply it"), [r[1] for r in rows], scale="1-7"),
        figure(_("Would recommend"), recommend, scale="0-10"),
        figure(_("Net promoter score"), nps, scale="-100…100", n=len(rows)),
    ]
    answers = []
    if not scope.for_organization and len(rows) >= GROUP_THRESHOLD:
        answers = [r[3] for r in rows if r[3]]
        random.shuffle(answers)
    return Reaction(n=len(rows), figures=figures, answers=answers)


@dataclass
class Learning:
    quiz_title: str | None
    figures: list[Figure]
    n: int
    quiz_id: int | None = None


def learning(scope: Scope) -> Learning:
    """First attempt (the pre-test) against the last of two or more (the post-test), per person."""
    test = PrePostTest.objects.select_related("quiz").filter(course=scope.course).first()
    if test is None:
        return Learning(None, [], 0)
    first: dict[int, int] = {}
    last: dict[int, tuple[int, int]] = {}
    for uid, number, score in (
        QuizAttempt.objects.filter(exercise=test.quiz, user_id__in=scope.user_ids)
        .order_by("user_id", "number")
        .values_list("user_id", "number", "score")
    ):
        first.setdefault(uid, score)
        last[uid] = (number, score)
    both = [uid for uid, (number, _score) in last.items() if number > 1]
    return Learning(
        test.quiz.title,
        [
            figure(_("Pre-test score (%)"), [first[u] for u in both]),
            figure(_("Post-test score (%)"), [last[u][1] for u in both]),
            figure(_("Average gain (points)"), [last[u][1] - first[u] for u in both]),
        ],
        len(both),
        test.quiz_id,
    )


@dataclass
class FollowThroughRow:
    label: str
    n: int  # people who answered this check-in
    yes: int | None  # percentages; None below the threshold
    partly: int | None
    not_yet: int | None


def followthrough(scope: Scope) -> list[FollowThroughRow]:
    """Yes / partly / not yet per check-in (1st, 2nd, …) of the course's plans, with people per check-in."""
    order: dict[int, int] = {}
    seen: dict[int, int] = defaultdict(int)
    for cid, plan_id in (
        CheckIn.objects.filter(plan__course=scope.course, plan__user_id__in=scope.user_ids)
        .order_by("plan_id", "due_at", "id")
        .values_list("id", "plan_id")
    ):
        seen[plan_id] += 1
        order[cid] = seen[plan_id]
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    people: dict[int, set[int]] = defaultdict(set)
    for cid, uid, did_it in CheckInAnswer.objects.filter(checkin_id__in=order).values_list(
        "checkin_id", "checkin__plan__user_id", "did_it"
    ):
        counts[order[cid]][did_it] += 1
        people[order[cid]].add(uid)
    rows = []
    for number in sorted(counts):
        c, n = counts[number], len(people[number])
        total = sum(c.values())
        yes, partly, not_yet = (
            [round(100 * c[k] / total) for k in ("yes", "partly", "not_yet")] if n >= GROUP_THRESHOLD else [None] * 3
        )
        rows.append(FollowThroughRow(_("Check-in %(n)d") % {"n": number}, n, yes, partly, not_yet))
    return rows


def followthrough_chart(rows: list[FollowThroughRow]) -> BarChart | None:
    shown = [r for r in rows if r.yes is not None]
    if not shown:
        return None
    return bar_chart(
        [ChartRow(label=r.label, values=[r.yes, r.partly, r.not_yet]) for r in shown],
        key="impact-followthrough",
        title=_("Check-in follow-through"),
        description=_("Share of commitments done, partly done and not yet done at each check-in."),
        series=(
            Series(key="yes", label=_("Yes")),
            Series(key="partly", label=_("Partly")),
            Series(key="not-yet", label=_("Not yet")),
        ),
        stacked=True,
    )


@dataclass
class ObserverRow:
    theme: str
    baseline: Figure
    last: Figure

    @property
    def change(self) -> float | None:
        if self.baseline.value is None or self.last.value is None:
            return None
        return round(self.last.value - self.baseline.value, 1)


def observer_rows(scope: Scope) -> list[ObserverRow]:
    """Per commitment theme (the plan exercise): the baseline and the last round, averaged over the
    people who have both, each person's round counted only when 3+ observers answered it."""
    per: dict[tuple[int, str], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for plan_user, theme, number, n, avg in (
        ObserverRating.objects.filter(
            response__round__plan__course=scope.course, response__round__plan__user_id__in=scope.user_ids
        )
        .values_list(
            "response__round__plan__user_id", "response__round__plan__exercise__title", "response__round__number"
        )
        .annotate(n=Count("id"), avg=Avg("value"))
        .values_list(
            "response__round__plan__user_id",
            "response__round__plan__exercise__title",
            "response__round__number",
            "n",
            "avg",
        )
    ):
        if n >= OBSERVER_THRESHOLD:
            per[(plan_user, theme)][number].append(avg)
    themes: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for (_uid, theme), rounds in per.items():
        later = [r for r in rounds if r > 0]
        if 0 in rounds and later:
            base, last = rounds[0], rounds[max(later)]
            themes[theme][0].append(sum(base) / len(base))
            themes[theme][1].append(sum(last) / len(last))
    return [
        ObserverRow(theme, figure(_("Baseline"), base, scale="1-7"), figure(_("Last round"), last, scale="1-7"))
        for theme, (base, last) in sorted(themes.items())
    ]
