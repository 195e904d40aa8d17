"""Sample template contexts for every reminder kind, to render each email without building its data.

`email_samples(name)` gives {kind key: context}; every text value that a person or trainer writes
carries `name` (pass one with an apostrophe, "Siobhán O'Brien", to catch HTML entities in text parts).
Used by tests/courses/reminders (through the `email_samples` fixture) and tests/services.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace as NS

from django.utils import timezone

URL = "https://coaching.example.com"


def email_samples(name: str) -> dict[str, dict]:
    when = timezone.now() + datetime.timedelta(days=1)
    course = NS(title=f"{name}'s coaching course", slug="c")
    session = NS(
        title=f"Role play with {name}",
        location=f"{name}'s office",
        meeting_url="https://meet.example.com/a?b=1&c=2",
        cohort=NS(course=course),
    )
    submission = NS(
        user=NS(get_full_name=f"{name} Participant"),
        exercise=NS(title=f"{name}'s questions"),
        course=course,
        version=2,
        submitted_at=when - datetime.timedelta(days=3),
    )
    certificate = NS(course_title=course.title, code="ABCD-1234", expires_at=when)
    member = NS(user=NS(get_full_name=name), enrollments=[NS(course=course, progress=NS(percent=40))])
    session_ctx = {
        "session": session,
        "starts_local": when,
        "ends_local": when,
        "tz_name": "Europe/Amsterdam",
        "ics_url": f"{URL}/s.ics",
        "schedule_url": f"{URL}/my/schedule/",
    }
    checkin = {
        "course_title": course.title,
        "commitments": [f"Ask {name} one open question"],
        "answer_url": f"{URL}/a/",
    }
    observer_ctx = {
        "participant_name": name,
        "first_name": name.split(" ")[0],
        "course_title": course.title,
        "items": [f"{name} asks before giving advice"],
        "is_baseline": True,
        "answer_url": f"{URL}/o/",
        "link_days": 21,
    }
    return {
        "welcome": {"course": course, "course_url": f"{URL}/c/"},
        "inactivity": {"course": course, "days": 9, "lesson": NS(title=f"{name}'s lesson"), "lesson_url": f"{URL}/l/"},
        "certificate_issued": {"certificate": certificate, "download_url": f"{URL}/d/", "verify_url": f"{URL}/v/"},
        "certificate_expiry": {"certificate": certificate, "course_url": f"{URL}/c/"},
        "org_digest": {
            "organization": NS(name=f"{name} & Sons"),
            "week": "2026-W48",
            "team": [member],
            "inactive": [member.user],
            "completions": [(member.user, member.enrollments[0])],
            "org_url": f"{URL}/o/",
        },
        "invitation": {
            "invitation": NS(first_name=name.split(" ")[0], expires_at=when),
            "organization": NS(name=f"{name} & Sons"),
            "course": course,
            "accept_url": f"{URL}/i/",
        },
        "trainer_review_digest": {"submissions": [submission], "more": 2, "total": 3, "queue_url": f"{URL}/q/"},
        "submission_received": {"trainer": None, "submission": submission, "review_url": f"{URL}/r/"},
        "feedback_given": {
            "submission": submission,
            "review": NS(
                decision="needs_revision", get_decision_display="Needs revision", feedback=f"{name}: <b>ok</b>"
            ),
            "exercise_url": f"{URL}/e/",
        },
        "checkin_due": {**checkin, "number": 1, "count": 3, "link_days": 14},
        "checkin_nudge": checkin,
        "buddy_invite": {
            "buddy": NS(name=f"{name} Buddy" if name else ""),
            "participant_name": name,
            "course_title": course.title,
            "commitments": [f"Ask {name} one open question"],
            "respond_url": f"{URL}/b/",
        },
        "observer_invite": observer_ctx,
        "pulse_invite": {**observer_ctx, "is_before": True},
        "pulse_nudge": {**observer_ctx, "is_before": False},
        "observer_nudge": {**observer_ctx, "is_baseline": False},
        "buddy_summary": {
            "buddy": NS(name=f"{name} Buddy" if name else ""),
            "participant_name": name,
            "items": [NS(commitment=f"Ask {name}", did_it="Yes", naturalness=7, decision="Keep going")],
        },
        "session_24h": {**session_ctx, "hours": 24},
        "session_1h": {**session_ctx, "hours": 1},
        "session_update": {**session_ctx, "cancelled": False},
        "practice_round_24h": {
            "practice_round": NS(number=2, cohort=NS(course=course)),
            "role": "coach",
            "starts_local": when,
            "tz_name": "Europe/Amsterdam",
            "round_url": f"{URL}/practice/rounds/1/",
        },
        "org_request": {
            "org_request": NS(
                organization=f"{name} & Sons",
                contact_name=name,
                email="buyer@example.com",
                phone="+31 20 123",
                managers=12,
                course=course,
                cohort=NS(name=f"{name}'s cohort", starts_on=when),
                message=f"We'd like {name}'s team <b>in</b>.",
            ),
            "admin_url": f"{URL}/admin/x/",
        },
    }
