"""Drip release: when each module opens for one participant (two queries for any number)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.utils import timezone

from accounts.models import User
from courses.cohorts.models import Cohort, ModuleEarlyAccess, ModuleRelease
from courses.learning.models import Course, Enrollment, Lesson, Module
from courses.learning.outline import OUTLINE_TIMEOUT, outline_key
from lms.cache import versioned_get, versioned_set

_RULES_KEY = "module-release-rules:v1:{outline}"


def _midnight(day: datetime.date, tz) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def release_opens_at(
    *, release: ModuleRelease | None, enrollment: Enrollment | None, cohort: Cohort | None, default_tz
) -> datetime.datetime | None:
    """When a module opens for one participant; None = open (or unknown without an enrollment).

    Dates count from midnight in the cohort's zone (the site's zone for self-paced participants).
    Days after the cohort start fall back to days after enrollment for a participant without a cohort.
    """
    if release is None or release.mode == ModuleRelease.Mode.ALWAYS:
        return None
    tz = cohort.tzinfo if cohort is not None else default_tz
    days = datetime.timedelta(days=release.release_days or 0)
    if release.mode == ModuleRelease.Mode.ON_DATE:
        return _midnight(release.release_date, tz)
    if release.mode == ModuleRelease.Mode.DAYS_AFTER_COHORT_START and cohort is not None:
        return _midnight(cohort.starts_on, tz) + days
    if enrollment is None:
        return None
    return enrollment.enrolled_at + days


def course_release_rules(*, course: Course) -> dict[int, ModuleRelease]:
    """{module_id: rule} of the course's modules that do not always open: from the cache (no
    query when warm, one on a miss), under the course's outline key. Every writer of a rule
    (`services.module_release_save`, the admin) calls `outline_invalidate`, which retires it.
    Measured for issue 18: reading the rules cost every lesson page about 2 ms of CPU, for
    courses that mostly have none."""
    key = _RULES_KEY.format(outline=outline_key(course=course))
    rules = versioned_get(key)
    if rules is None:
        rules = {
            r.module_id: r
            for r in ModuleRelease.objects.filter(module__course=course).exclude(mode=ModuleRelease.Mode.ALWAYS)
        }
        versioned_set(key, rules, timeout=OUTLINE_TIMEOUT)
    return rules


class ReleaseState(NamedTuple):
    is_open: bool
    opens_at: datetime.datetime | None


def module_release_state(
    user: User, course: Course, modules: Iterable[Module | int], *, now: datetime.datetime | None = None
) -> dict[int, ReleaseState]:
    """{module_id: (is_open, opens_at)} for one user, in two queries for any number of modules,
    none when no module of `modules` has a rule (the common case).

    The course's rules come from the cache (`course_release_rules`). Then, only when one of
    `modules` has a rule: 1, which of them the user may open early; 2, the user's enrollment
    with its cohort (both skipped for anonymous users).
    Staff and the course's trainers see everything open (one more query for a non-enrolled trainer).
    A locked module has opens_at set when it is known (for a visitor not enrolled, relative
    rules have no date yet: opens_at is None).
    """
    now = now or timezone.now()
    module_ids = [m if isinstance(m, int) else m.pk for m in modules]
    if not module_ids:
        return {}
    if user.is_authenticated and user.is_staff:
        return {mid: ReleaseState(True, None) for mid in module_ids}
    rules = course_release_rules(course=course)
    releases = {mid: rules[mid] for mid in module_ids if mid in rules}
    if not releases:
        return {mid: ReleaseState(True, None) for mid in module_ids}
    early = (
        set(
            ModuleEarlyAccess.objects.filter(user_id=user.pk, module_id__in=list(releases)).values_list(
                "module_id", flat=True
            )
        )
        if user.is_authenticated
        else set()
    )
    enrollment = None
    if user.is_authenticated:
        enrollment = (
            Enrollment.objects.filter(user=user, course=course)
            .exclude(status=Enrollment.Status.CANCELLED)
            .select_related("cohort_membership__cohort")
            .first()
        )
        if enrollment is None and course.trainers.filter(pk=user.pk).exists():
            return {mid: ReleaseState(True, None) for mid in module_ids}
    cohort = None
    if enrollment is not None:
        membership = getattr(enrollment, "cohort_membership", None)
        cohort = membership.cohort if membership is not None else None
    default_tz = timezone.get_default_timezone()
    state: dict[int, ReleaseState] = {}
    for mid in module_ids:
        release = releases.get(mid)
        if release is None or mid in early:
            state[mid] = ReleaseState(True, None)
            continue
        if enrollment is None and release.mode != ModuleRelease.Mode.ON_DATE:
            state[mid] = ReleaseState(False, None)
            continue
        opens_at = release_opens_at(release=release, enrollment=enrollment, cohort=cohort, default_tz=default_tz)
        state[mid] = ReleaseState(opens_at is None or opens_at <= now, opens_at)
    return state


def lesson_is_released(user: User, lesson: Lesson) -> ReleaseState:
    """(is_open, opens_at) of the lesson's module for `user`: the lesson view's access check."""
    return module_release_state(user, lesson.course, [lesson.module_id])[lesson.module_id]


def course_modules_with_release(*, user: User, course: Course) -> list[Module]:
    """The course's modules in order, each with `.release_state` (three queries)."""
    modules = list(course.modules.order_by("position", "id"))
    state = module_release_state(user, course, modules)
    for module in modules:
        module.release_state = state[module.pk]
    return modules


def module_releases_for_course(*, course: Course) -> list[Module]:
    """Modules with their release rule (or None) for the trainer's release page (one query)."""
    return list(course.modules.select_related("release").order_by("position", "id"))


def early_access_for(*, user: User, course: Course) -> set[int]:
    return set(ModuleEarlyAccess.objects.filter(user=user, module__course=course).values_list("module_id", flat=True))
