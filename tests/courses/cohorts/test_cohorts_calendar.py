"""ICS files: parse with icalendar, DST in Europe/Amsterdam, UID/SEQUENCE, and the private feed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from courses.cohorts import selectors as sel
from courses.cohorts import services as svc
from courses.cohorts.calendar import sessions_calendar
from courses.models import Course
from tests.courses.cohorts.conftest import AMS, make_cohort, make_session  # noqa: F401
from tests.factories import CourseFactory, UserFactory

pytestmark = [pytest.mark.django_db]
UTC = datetime.UTC


def _events(body: bytes):
    cal = Calendar.from_ical(body)
    return cal, [c for c in cal.walk("VEVENT")]


def _dst_cohort():
    return make_cohort(starts_on=datetime.date(2027, 3, 1), days=270, deadline=datetime.date(2027, 3, 1))


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # Summer time starts on Sunday 28 March 2027 at 02:00 (UTC+1 -> UTC+2).
        (datetime.datetime(2027, 3, 27, 9, 0), datetime.datetime(2027, 3, 27, 8, 0)),
        (datetime.datetime(2027, 3, 28, 9, 0), datetime.datetime(2027, 3, 28, 7, 0)),
        # Summer time ends on Sunday 31 October 2027 at 03:00 (UTC+2 -> UTC+1).
        (datetime.datetime(2027, 10, 30, 9, 0), datetime.datetime(2027, 10, 30, 7, 0)),
        (datetime.datetime(2027, 10, 31, 9, 0), datetime.datetime(2027, 10, 31, 8, 0)),
    ],
)
def test_ics_amsterdam_times_right_across_dst(local, utc):
    cohort = _dst_cohort()
    session = make_session(cohort, start=local.replace(tzinfo=AMS))
    cal, (event,) = _events(sessions_calendar([session]))
    start = event.decoded("dtstart")
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert (start.hour, start.minute) == (9, 0)
    assert start.astimezone(UTC).replace(tzinfo=None) == utc
    assert event.decoded("dtend").astimezone(UTC).replace(tzinfo=None) == utc + datetime.timedelta(hours=2)
    # The calendar carries the zone's rules, so clients without a zone database get it right too.
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Amsterdam"
    assert {c.name for c in vtz.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_ics_has_required_properties_and_method():
    cohort = make_cohort()
    session = make_session(cohort, title="Coaching clinic")
    cal, (event,) = _events(sessions_calendar([session], method="PUBLISH"))
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == session.uid
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("dtstamp").tzinfo is not None
    assert "Coaching clinic" in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "CONFIRMED"
    cal, (event,) = _events(sessions_calendar([session], method="REQUEST", attendee_email="p@example.com"))
    assert str(cal["METHOD"]) == "REQUEST"
    assert "p@example.com" in str(event["ATTENDEE"])


def test_ics_update_keeps_uid_and_raises_sequence_cancel_marks_cancelled():
    cohort = make_cohort()
    session = make_session(cohort)
    _cal, (before,) = _events(sessions_calendar([session]))
    session.starts_at += datetime.timedelta(hours=3)
    session.ends_at += datetime.timedelta(hours=3)
    svc.session_save(session=session, notify=False)
    session.refresh_from_db()
    _cal, (after,) = _events(sessions_calendar([session]))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("dtstart") - before.decoded("dtstart") == datetime.timedelta(hours=3)
    svc.session_cancel(session=session, notify=False)
    _cal, (cancelled,) = _events(sessions_calendar([session]))
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(after["SEQUENCE"])


# --- the private feed ---------------------------------------------------------------------------


def _feed_url(user) -> str:
    feed = svc.calendar_feed_get_or_create(user=user)
    return reverse("courses:calendar_feed", kwargs={"token": sel.calendar_feed_token(feed=feed)})


def _two_people_two_cohorts():
    course = CourseFactory(delivery=Course.Delivery.COHORT)
    a = make_cohort(course=course, slug="a")
    b = make_cohort(course=course, slug="b")
    alice, bob = UserFactory(), UserFactory()
    svc.cohort_enroll(user=alice, course=course, cohort=a)
    svc.cohort_enroll(user=bob, course=course, cohort=b)
    sa = make_session(a, title="Alice's session")
    sb = make_session(b, title="Bob's session")
    return alice, bob, sa, sb


def test_calendar_feed_shows_only_its_owners_sessions(client):
    alice, bob, sa, sb = _two_people_two_cohorts()
    response = client.get(_feed_url(bob))  # no login: calendar apps fetch anonymously
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    _cal, events = _events(response.content)
    assert [str(e["UID"]) for e in events] == [sb.uid]
    _cal, events = _events(client.get(_feed_url(alice)).content)
    assert [str(e["UID"]) for e in events] == [sa.uid]


def test_calendar_feed_updates_after_move(client):
    alice, _bob, sa, _sb = _two_people_two_cohorts()
    url = _feed_url(alice)
    sa.starts_at += datetime.timedelta(days=1)
    sa.ends_at += datetime.timedelta(days=1)
    svc.session_save(session=sa, notify=False)
    _cal, (event,) = _events(client.get(url).content)
    assert str(event["UID"]) == sa.uid and int(event["SEQUENCE"]) == 1


def test_calendar_feed_revoked_token_refused(client):
    alice, *_ = _two_people_two_cohorts()
    old = _feed_url(alice)
    client.force_login(alice)
    response = client.post(reverse("courses:calendar_feed_revoke"), {"next": "/"})
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(_feed_url(alice)).status_code == 200


@pytest.mark.parametrize("how", ["flip", "truncate", "other_user", "garbage"])
def test_calendar_feed_tampered_token_refused(client, how):
    alice, bob, *_ = _two_people_two_cohorts()
    feed = svc.calendar_feed_get_or_create(user=alice)
    token = sel.calendar_feed_token(feed=feed)
    if how == "flip":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif how == "truncate":
        token = token[:-5]
    elif how == "other_user":
        # Alice's secret with Bob's id, re-encoded without the signing key: the signature no longer fits.
        import base64
        import json

        payload, rest = token.split(":", 1)
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        data["u"] = bob.pk
        payload = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
        token = f"{payload}:{rest}"
    else:
        token = "not-a-token"
    assert client.get(reverse("courses:calendar_feed", kwargs={"token": token})).status_code == 404


def test_calendar_feed_revoke_needs_post(client):
    alice, *_ = _two_people_two_cohorts()
    client.force_login(alice)
    assert client.get(reverse("courses:calendar_feed_revoke")).status_code == 405
