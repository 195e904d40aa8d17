"""Reminder kinds of the engine's own: welcome, inactivity nudges, the organization admins'
weekly digest, certificate issued (essential) and re-certification 30 days before expiry.

Each find_due/contexts runs a fixed number of queries, whatever the number of people.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from courses.certificates.models import Certificate
from courses.learning.models import Course, Enrollment, Lesson, LessonProgress
from courses.reminders.base import Due, ReminderKind, register
from lms.links import absolute_url, site_url

# How far back a sweep looks: a sweep outage shorter than this loses nothing.
LOOKBACK = datetime.timedelta(days=7)


def _url(name: str, **kwargs: Any) -> str:
    try:
        return absolute_url(name, **kwargs)
    except NoReverseMatch:
        return site_url("/")


def _ids(reminders: list[Any], prefix: str) -> dict[int, int]:
    """reminder id -> object id for object keys like "<prefix>:<id>"."""
    out = {}
    for r in reminders:
        head, _sep, tail = r.object_key.partition(":")
        if head == prefix and tail.isdigit():
            out[r.id] = int(tail)
    return out


def iso_week(now: datetime.datetime) -> str:
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


@register
class WelcomeKind(ReminderKind):
    key = "welcome"
    label = _("Welcome when I enroll in a course")
    template = "reminder_welcome"

    def find_due(self, *, now):
        rows = Enrollment.objects.filter(
            status=Enrollment.Status.ACTIVE, enrolled_at__gte=now - LOOKBACK, enrolled_at__lte=now
        ).values_list("id", "user_id")
        return [Due(user_id=user_id, object_key=f"enrollment:{pk}", period="once") for pk, user_id in rows]

    def contexts(self, *, reminders):
        ids = _ids(reminders, "enrollment")
        enrollments = Enrollment.objects.select_related("course").in_bulk(set(ids.values()))
        out = {}
        for rid, eid in ids.items():
            e = enrollments.get(eid)
            if e is None or e.status == Enrollment.Status.CANCELLED:
                continue
            out[rid] = {"course": e.course, "course_url": _url("courses:course_detail", slug=e.course.slug)}
        return out


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


@register
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
        ids = _ids(reminders, "enrollment")
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
                _url("courses:lesson_detail", course_slug=e.course.slug, lesson_slug=lesson.slug)
                if lesson
                else _url("courses:course_detail", slug=e.course.slug)
            )
            out[r.id] = {"course": e.course, "lesson": lesson, "lesson_url": lesson_url, "days": r.data.get("days")}
        return out


@register
class OrgAdminDigestKind(ReminderKind):
    key = "org_digest"
    label = _("Weekly digest of my team's progress (organization admins)")
    template = "reminder_org_digest"

    def find_due(self, *, now):
        from accounts.models import Membership

        period = iso_week(now)
        rows = Membership.objects.filter(role=Membership.Role.ADMIN).values_list("user_id", "organization_id")
        return [Due(user_id=uid, object_key=f"org:{oid}", period=period) for uid, oid in rows]

    def contexts(self, *, reminders):
        from accounts.models import Membership, Organization
        from courses.learning.selectors import progress_for_enrollments

        org_ids = _ids(reminders, "org")
        if not org_ids:
            return {}
        now = max(r.created_at for r in reminders)
        # 1: organizations; 2: their members; 3: the members' enrollments; 4-7: progress.
        orgs = Organization.objects.in_bulk(set(org_ids.values()))
        members = defaultdict(list)
        for m in Membership.objects.filter(organization_id__in=orgs.keys()).select_related("user"):
            members[m.organization_id].append(m.user)
        admins = {
            (m_uid, m_oid)
            for m_uid, m_oid in Membership.objects.filter(
                organization_id__in=orgs.keys(), role=Membership.Role.ADMIN
            ).values_list("user_id", "organization_id")
        }
        user_ids = {u.id for users in members.values() for u in users}
        enrollments = list(
            Enrollment.objects.filter(user_id__in=user_ids)
            .exclude(status=Enrollment.Status.CANCELLED)
            .select_related("course")
            .order_by("course__title")
        )
        progress = progress_for_enrollments(enrollments)
        by_user = defaultdict(list)
        for e in enrollments:
            e.progress = progress[e.pk]
            by_user[e.user_id].append(e)
        week_ago = now - datetime.timedelta(days=7)
        out = {}
        for r in reminders:
            oid = org_ids.get(r.id)
            if oid not in orgs or (r.user_id, oid) not in admins:
                continue
            team = []
            for user in members[oid]:
                rows = by_user.get(user.id, [])
                if not rows:
                    continue
                team.append(
                    {
                        "user": user,
                        "enrollments": rows,
                        "inactive": all(
                            e.status == Enrollment.Status.ACTIVE and e.last_activity_at < week_ago for e in rows
                        )
                        and any(e.status == Enrollment.Status.ACTIVE for e in rows),
                        "completed": [e for e in rows if e.completed_at and e.completed_at >= week_ago],
                    }
                )
            out[r.id] = {
                "organization": orgs[oid],
                "team": team,
                "inactive": [t["user"] for t in team if t["inactive"]],
                "completions": [(t["user"], e) for t in team for e in t["completed"]],
                "week": r.period,
                "org_url": _url("courses:org_overview", org_slug=orgs[oid].slug),
            }
        return out


@register
class CertificateIssuedKind(ReminderKind):
    """Essential: "your certificate is ready", with the download link."""

    key = "certificate_issued"
    label = _("My certificate is ready")
    essential = True
    template = "reminder_certificate_issued"

    def find_due(self, *, now):
        rows = (
            Certificate.objects.filter(issued_at__gte=now - LOOKBACK, revoked_at__isnull=True)
            .exclude(pdf="")
            .values_list("id", "enrollment__user_id")
        )
        return [Due(user_id=uid, object_key=f"certificate:{pk}", period="once") for pk, uid in rows]

    def contexts(self, *, reminders):
        return _certificate_contexts(reminders)


def _certificate_contexts(reminders):
    ids = _ids(reminders, "certificate")
    certs = Certificate.objects.in_bulk(set(ids.values()))
    out = {}
    for rid, cid in ids.items():
        cert = certs.get(cid)
        if cert is None or cert.revoked_at is not None:
            continue
        out[rid] = {
            "certificate": cert,
            "download_url": _url("courses:certificate_download", pk=cert.pk),
            "verify_url": _url("courses:certificate_verify", code=cert.code),
            "dashboard_url": _url("courses:dashboard"),
        }
    return out


@register
class CertificateExpiryKind(ReminderKind):
    key = "certificate_expiry"
    label = _("A reminder 30 days before a certificate expires")
    template = "reminder_certificate_expiry"
    days_before = 30

    def find_due(self, *, now):
        rows = Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + datetime.timedelta(days=self.days_before),
        ).values_list("id", "enrollment__user_id", "expires_at", "enrollment__course__slug")
        return [
            Due(
                user_id=uid,
                object_key=f"certificate:{pk}",
                period=f"expiry:{expires.date().isoformat()}",
                data={"course_slug": slug},
            )
            for pk, uid, expires, slug in rows
        ]

    def contexts(self, *, reminders):
        out = _certificate_contexts(reminders)
        for r in reminders:
            if r.id in out:
                out[r.id]["course_url"] = _url("courses:course_detail", slug=r.data.get("course_slug", ""))
        return out
