"""Live-session reminders: 24 hours and 1 hour before a session.

Key choice: object_key = "session:<id>", period = the session's start in UTC ("20270328T0700Z").
The engine sends one email per (user, kind, object_key, period), so:
- each participant gets each reminder exactly once for a given start time;
- a moved session has a new start, hence a new period: it gets new reminders at its new time,
  exactly once (the old rows stay as the record of what was sent);
- edits that do not move the session (title, preparation) do not send again, which a
  SEQUENCE-based period would have done;
- cancelled sessions are never due, and a row stored before a move or cancellation but not yet
  sent gets no context, so the engine skips it ("no longer due").
Windows: "session_24h" is due when the start is between 1 and 24 hours away (a session created
3 hours ahead still gets it once); "session_1h" when the start is at most 1 hour away.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from courses.cohorts.calendar import sessions_calendar
from courses.cohorts.models import CohortMembership, LiveSession, PracticeRound, TriadMember
from courses.cohorts.triads import ROLE_LABELS, role_for
from courses.learning.models import Enrollment
from courses.reminders.base import Due, ReminderKind
from courses.reminders.services import reminders_deliver_now
from lms.links import absolute_url


def session_period(session: LiveSession) -> str:
    return session.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ")


class _SessionReminder(ReminderKind):
    template = "session_reminder"
    window: tuple[datetime.timedelta, datetime.timedelta]  # (min ahead, max ahead]

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """Two queries: sessions in the window, then the active members of their cohorts."""
        low, high = self.window
        sessions = list(
            LiveSession.objects.filter(
                status=LiveSession.Status.SCHEDULED, starts_at__gt=now + low, starts_at__lte=now + high
            ).only("id", "cohort_id", "starts_at")
        )
        if not sessions:
            return []
        members: dict[int, list[int]] = {}
        for cohort_id, user_id in CohortMembership.objects.filter(
            cohort_id__in={s.cohort_id for s in sessions}, enrollment__status=Enrollment.Status.ACTIVE
        ).values_list("cohort_id", "enrollment__user_id"):
            members.setdefault(cohort_id, []).append(user_id)
        return [
            Due(user_id=user_id, object_key=f"session:{s.pk}", period=session_period(s), data={"session_id": s.pk})
            for s in sessions
            for user_id in members.get(s.cohort_id, [])
        ]

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for all sessions of the batch."""
        ids = {int(r.object_key.split(":", 1)[1]) for r in reminders if r.object_key.startswith("session:")}
        sessions = LiveSession.objects.select_related("cohort__course").in_bulk(ids)
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            session = sessions.get(int(r.object_key.split(":", 1)[1]))
            if session is None or session.is_cancelled or session_period(session) != r.period:
                continue  # gone, cancelled or moved since the row was stored: no longer due
            tz = session.cohort.tzinfo
            slug = session.cohort.course.slug
            out[r.id] = {
                "session": session,
                "hours": self.hours,
                "starts_local": timezone.localtime(session.starts_at, tz),
                "ends_local": timezone.localtime(session.ends_at, tz),
                "tz_name": session.cohort.timezone,
                "schedule_url": absolute_url("courses:cohort_schedule", slug=slug),
                "ics_url": absolute_url("courses:session_ics", pk=session.pk),
            }
        return out


class Session24h(_SessionReminder):
    key = "session_24h"
    label = _("Live session tomorrow")
    hours = 24
    window = (datetime.timedelta(hours=1), datetime.timedelta(hours=24))


class Session1h(_SessionReminder):
    key = "session_1h"
    label = _("Live session in an hour")
    hours = 1
    window = (datetime.timedelta(0), datetime.timedelta(hours=1))


class SessionUpdate(ReminderKind):
    """A moved or cancelled live session, with the updated calendar entry attached.

    Stored by `session_update_send` (from courses.cohorts.tasks.session_update_notify_task;
    never found by the sweep): object_key "session:<id>", period "seq<SEQUENCE>", so each change
    reaches each participant exactly once through the engine, and a row for an older SEQUENCE is skipped as stale.
    """

    key = "session_update"
    label = _("Live session moved or cancelled")
    essential = True  # it changes what is in people's calendars
    template = "session_update"

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        return []

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for the sessions (with cohort and course); the .ics is built per row."""
        session_ids = {int(r.object_key.split(":", 1)[1]) for r in reminders}
        sessions = {s.pk: s for s in LiveSession.objects.select_related("cohort__course").filter(pk__in=session_ids)}
        contexts: dict[int, dict[str, Any]] = {}
        for row in reminders:
            session = sessions.get(int(row.object_key.split(":", 1)[1]))
            if session is None or row.period != f"seq{session.sequence}":
                continue  # gone, or changed again: the newer change has its own row
            cancelled = session.is_cancelled
            method = "CANCEL" if cancelled else "REQUEST"
            tz = session.cohort.tzinfo
            with translation.override(row.user.language):  # the attached file speaks the recipient's language
                ics = sessions_calendar([session], method=method, attendee_email=row.user.email)
            contexts[row.id] = {
                "session": session,
                "cancelled": cancelled,
                "starts_local": timezone.localtime(session.starts_at, tz),
                "ends_local": timezone.localtime(session.ends_at, tz),
                "tz_name": session.cohort.timezone,
                "schedule_url": absolute_url("courses:cohort_schedule", slug=session.cohort.course.slug),
                "attachments": [("session.ics", ics, f"text/calendar; charset=utf-8; method={method}")],
            }
        return contexts


def session_update_send(*, session_id: int, sequence: int) -> int:
    """Store one "session_update" row per active participant and send them.

    A stale call (the session changed again: higher SEQUENCE) stores nothing; the newer change
    has its own task. Returns the number of participants the change is for.
    """
    session = LiveSession.objects.filter(pk=session_id).only("id", "cohort_id", "sequence").first()
    if session is None or session.sequence != sequence:
        return 0
    user_ids = list(
        CohortMembership.objects.filter(cohort_id=session.cohort_id, enrollment__status=Enrollment.Status.ACTIVE)
        .order_by("pk")
        .values_list("enrollment__user_id", flat=True)
    )
    dues = [Due(user_id=uid, object_key=f"session:{session_id}", period=f"seq{sequence}") for uid in user_ids]
    reminders_deliver_now(kind=SessionUpdate.key, dues=dues)
    return len(user_ids)


class PracticeRound24h(ReminderKind):
    """A practice round of the person's group within the next 24 hours, with their role.

    object_key "practice_round:<id>", period the round's start in UTC: each member gets it
    exactly once per start time (a moved round is a new period)."""

    key = "practice_round_24h"
    label = _("Practice round tomorrow")
    template = "practice_round_reminder"

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """Two queries: rounds starting within 24 hours, then the seats of their cohorts' groups."""
        rounds = list(
            PracticeRound.objects.filter(starts_at__gt=now, starts_at__lte=now + datetime.timedelta(hours=24)).only(
                "id", "cohort_id", "starts_at"
            )
        )
        if not rounds:
            return []
        seats: dict[int, list[int]] = {}
        for cohort_id, user_id in TriadMember.objects.filter(cohort_id__in={r.cohort_id for r in rounds}).values_list(
            "cohort_id", "user_id"
        ):
            seats.setdefault(cohort_id, []).append(user_id)
        return [
            Due(
                user_id=uid,
                object_key=f"practice_round:{r.pk}",
                period=r.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ"),
            )
            for r in rounds
            for uid in seats.get(r.cohort_id, [])
        ]

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Two queries: the rounds with cohort and course, then the seats of the recipients."""
        ids = {int(r.object_key.split(":", 1)[1]) for r in reminders}
        rounds = PracticeRound.objects.select_related("cohort__course").in_bulk(ids)
        seats = {
            (m.cohort_id, m.user_id): m
            for m in TriadMember.objects.filter(
                cohort_id__in={r.cohort_id for r in rounds.values()}, user_id__in={r.user_id for r in reminders}
            ).select_related("triad")
        }
        sizes: dict[int, int] = {}
        for triad_id in TriadMember.objects.filter(triad_id__in={m.triad_id for m in seats.values()}).values_list(
            "triad_id", flat=True
        ):
            sizes[triad_id] = sizes.get(triad_id, 0) + 1
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            practice_round = rounds.get(int(r.object_key.split(":", 1)[1]))
            seat = seats.get((practice_round.cohort_id, r.user_id)) if practice_round else None
            if seat is None or practice_round.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ") != r.period:
                continue  # gone, moved or no longer in a group: no longer due
            role = role_for(seat=seat.seat, size=sizes[seat.triad_id], round_number=practice_round.number)
            with translation.override(r.user.language):
                role_label = str(ROLE_LABELS[role])
            out[r.id] = {
                "practice_round": practice_round,
                "role": role_label,
                "starts_local": timezone.localtime(practice_round.starts_at, practice_round.cohort.tzinfo),
                "tz_name": practice_round.cohort.timezone,
                "round_url": absolute_url("courses:practice_round", pk=practice_round.pk),
            }
        return out


KINDS = [Session24h, Session1h, SessionUpdate, PracticeRound24h]
