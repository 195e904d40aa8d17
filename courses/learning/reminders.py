"""Reminder kinds of learning: welcome on enrollment, and inactivity nudges.

Each find_due/contexts runs a fixed number of queries, whatever the number of people.
Registered by CoursesConfig.ready() (courses/apps.py) from `KINDS`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Course, Enrollment, Lesson, LessonProgress
from courses.reminders.base import Due, ReminderKind, object_ids
from lms.links import absolute_url

# How far back a sweep looks: a sweep outage shorter than this loses nothing.
LOOKBACK = datetime.timedelta(days=7)


class WelcomeKind(ReminderKind):
    key = "welcome"
    label = _("Welcome when I enroll in a course")
    template = "reminder_welcome"

    def find_due(self, *, now):
        """Streamed (the engine stores them a chunk at a time): a cohort start of thousands stays small."""
        rows = Enrollment.objects.filter(
            status=Enrollment.Status.ACTIVE, enrolled_at__gte=now - LOOKBACK, enrolled_at__lte=now
        ).values_list("id", "user_id")
        return (
            Due(user_id=user_id, object_key=f"enrollment:{pk}", period="once")
            for pk, user_id in rows.iterator(chunk_size=2000)
        )

    def contexts(self, *, reminders):
        """One course object and URL per course, not per message (a batch is mostly one course:
        measured for issue 18, building a course per enrollment cost 3.5 ms per batch of 100)."""
        ids = object_ids(reminders, "enrollment")
        live = dict(
            Enrollment.objects.filter(pk__in=set(ids.values()))
            .exclude(status=Enrollment.Status.CANCELLED)
            .values_list("id", "course_id")
        )
        courses = Course.objects.in_bulk(set(live.values()))
        urls = {pk: absolute_url("courses:course_detail", slug=c.slug) for pk, c in courses.items()}
        return {
            rid: {"course": courses[live[eid]], "course_url": urls[live[eid]]}
            for rid, eid in ids.items()
            if eid in live and live[eid] in courses
        }


def next_lessons(enrollments: list[Enrollment]) -> dict[int, Lesson | None]:
    """The first lesson, in outline order, each enrollment's user has not completed. Two queries."""
    course_ids = {e.course_id for e in enrollments}
    lessons_by_course: dict[int, list[Lesson]] = defaultdict(list)
    for lesson in (
        Lesson.objects.filter(course_id__in=course_ids)
        .select_related("course")
        .order_by("module__position", "module_id", "position", "id")
    ):
        lessons_by_course[lesson.course_id].append(lesson)
    done = set(
        LessonProgress.objects.filter(
            user_id__in={e.user_id for e in enrollments}, course_id__in=course_ids
        ).values_list("user_id", "lesson_id")
    )
    return {
        e.pk: next((les for les in lessons_by_course[e.course_id] if (e.user_id, les.id) not in done), None)
        for e in enrollments
    }


class InactivityKind(ReminderKind):
    """A nudge after Course.nudge_days_first and nudge_days_second days without activity.

    The period carries the date of the last activity, so a participant who comes back and
    drops off again is nudged again, but each quiet spell gets each nudge once.
    """

    key = "inactivity"
    label = _("A nudge when I have not continued a course for a while")
    template = "reminder_inactivity"

    def find_due(self, *, now):
        # 1: the per-course settings (a handful of courses).
        courses = Course.objects.values_list("id", "nudge_days_first", "nudge_days_second")
        by_days: dict[tuple[str, int], list[int]] = defaultdict(list)
        for cid, first, second in courses:
            if first:
                by_days[("d1", first)].append(cid)
            if second and second != first:
                by_days[("d2", second)].append(cid)
        if not by_days:
            return []
        # Each (step, days) pair is one OR-branch of ONE query, covering quiet spells that
        # started between `days` and `days + LOOKBACK` ago; Python below picks the step.
        branches = []
        for (_step, days), cids in by_days.items():
            latest = now - datetime.timedelta(days=days)
            branches.append(Q(course_id__in=cids, last_activity_at__lte=latest, last_activity_at__gt=latest - LOOKBACK))
        # 2: the inactive enrollments with their course's days.
        rows = Enrollment.objects.filter(reduce(or_, branches), status=Enrollment.Status.ACTIVE).values_list(
            "id", "user_id", "last_activity_at", "course__nudge_days_first", "course__nudge_days_second"
        )
        dues = []
        for pk, user_id, last, first, second in rows:
            idle = now - last
            if second and idle >= datetime.timedelta(days=second):
                step = "d2"
            elif (
                first
                and idle >= datetime.timedelta(days=first)
                and (not second or idle < datetime.timedelta(days=second))
            ):
                step = "d1"
            else:
                continue
            days = second if step == "d2" else first
            dues.append(
                Due(
                    user_id=user_id,
                    object_key=f"enrollment:{pk}",
                    period=f"{step}:{last.date().isoformat()}",
                    data={"days": days},
                )
            )
        return dues

    def contexts(self, *, reminders):
        ids = object_ids(reminders, "enrollment")
        enrollments = Enrollment.objects.select_related("course").in_bulk(set(ids.values()))
        live = [e for e in enrollments.values() if e.status == Enrollment.Status.ACTIVE]
        nexts = next_lessons(live)
        out = {}
        for r in reminders:
            e = enrollments.get(ids.get(r.id))
            if e is None or e.status != Enrollment.Status.ACTIVE:
                continue  # completed or cancelled since: the engine skips the row
            lesson = nexts.get(e.pk)
            lesson_url = (
                absolute_url("courses:lesson_detail", course_slug=e.course.slug, lesson_slug=lesson.slug)
                if lesson
                else absolute_url("courses:course_detail", slug=e.course.slug)
            )
            out[r.id] = {"course": e.course, "lesson": lesson, "lesson_url": lesson_url, "days": r.data.get("days")}
        return out


KINDS = [WelcomeKind, InactivityKind]
