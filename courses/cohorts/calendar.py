"""iCalendar (.ics) files for live sessions, built with the `icalendar` package.

Times are written in the cohort's own zone (DTSTART;TZID=Europe/Amsterdam:…) with a VTIMEZONE
for that zone, so calendars show the right wall-clock time on both sides of a DST change.
The UID never changes; SEQUENCE rises on every move or cancellation (RFC 5545 / iTIP), so a
calendar that already has the event replaces it instead of adding a second one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from courses.cohorts.models import LiveSession, PracticeRound
from lms.links import absolute_url

PRODID = "-//Master classes//Live sessions//EN"


def _event(session: LiveSession, *, attendee_email: str | None = None) -> Event:
    tz = session.cohort.tzinfo
    event = Event()
    event.add("uid", session.uid)
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(tz))
    event.add("dtend", session.ends_at.astimezone(tz))
    event.add("summary", f"{session.title} ({session.cohort.course.title})")
    description = session.description.strip()
    schedule = absolute_url("courses:cohort_schedule", slug=session.cohort.course.slug)
    # In the language active while the file is built: the viewer's, or the recipient's (emails, feed).
    schedule_line = _("Your schedule and materials: %(url)s") % {"url": schedule}
    event.add("description", f"{description}\n\n{schedule_line}".strip())
    if session.meeting_url:
        event.add("url", session.meeting_url)
        event.add("location", session.location or session.meeting_url)
    elif session.location:
        event.add("location", session.location)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    if attendee_email:
        organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
        organizer.params["cn"] = vText(settings.SITE_NAME)
        event["organizer"] = organizer
        attendee = vCalAddress(f"mailto:{attendee_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    return event


def _round_event(practice_round: PracticeRound, role: str) -> Event:
    tz = practice_round.cohort.tzinfo
    event = Event()
    event.add("uid", practice_round.uid)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", practice_round.starts_at.astimezone(tz))
    event.add("dtend", practice_round.ends_at.astimezone(tz))
    title = _("Practice round %(number)s: you are the %(role)s") % {"number": practice_round.number, "role": role}
    event.add("summary", f"{title} ({practice_round.cohort.course.title})")
    event.add("url", absolute_url("courses:practice_round", pk=practice_round.pk))
    event.add("status", "CONFIRMED")
    return event


def sessions_calendar(
    sessions: Iterable[LiveSession],
    *,
    method: str = "PUBLISH",
    name: str | None = None,
    attendee_email: str | None = None,
    rounds: Iterable[tuple[PracticeRound, str]] = (),
) -> bytes:
    """One VCALENDAR with a VEVENT per session and a VTIMEZONE per zone used.

    method: PUBLISH for downloads and feeds, REQUEST for an emailed update, CANCEL for an
    emailed cancellation (iTIP). Sessions need `cohort__course` selected. `rounds` adds practice
    rounds as (round, the person's role in words).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    sessions, rounds = list(sessions), list(rounds)
    for session in sessions:
        cal.add_component(_event(session, attendee_email=attendee_email))
    for practice_round, role in rounds:
        cal.add_component(_round_event(practice_round, role))
    dated = sessions + [r for r, _role in rounds]
    if dated:
        # Zone rules from a year before the first session to a year after the last: short and enough.
        first = min(s.starts_at for s in dated).date() - datetime.timedelta(days=366)
        last = max(s.ends_at for s in dated).date() + datetime.timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
