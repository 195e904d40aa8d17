"""Emails of the team coaching pulse: the invitation when a round opens, and one reminder.

Found by the engine's sweep (object "teammember:<id>", period "pulse:<round id>"); the unique
row makes each exactly-once. Addressed by email (team members have no account), written in the
participant's language (the team shares it, and the page they open speaks it too). An email
names no other team member. Registered by CoursesConfig.ready() from `KINDS`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from courses.impact.models_pulse import PULSE_ITEMS, PulseResponse, PulseRound, TeamMember
from courses.impact.services_pulse import pulse_url
from courses.impact.tokens import PULSE_LINK_MAX_AGE
from courses.reminders.base import Due, ReminderKind, object_ids


class _PulseKind(ReminderKind):
    essential = True  # addressed to a person who may have no account: nothing to unsubscribe from
    template = "pulse_invite"
    after = datetime.timedelta(0)

    def find_due(self, *, now: datetime.datetime) -> Iterable[Due]:
        """Three queries: open rounds; their answers; the participants' active team members."""
        rounds = {
            rid: (uid, cid)
            for rid, uid, cid in PulseRound.objects.filter(
                opens_at__lte=now - self.after, opens_at__gt=now - PULSE_LINK_MAX_AGE, user__is_active=True
            ).values_list("id", "user_id", "course_id")
        }
        if not rounds:
            return
        answered = set(PulseResponse.objects.filter(round_id__in=rounds).values_list("round_id", "member_id"))
        members: dict[tuple[int, int], list[tuple[int, str]]] = {}
        for mid, uid, cid, email in TeamMember.objects.filter(
            user_id__in={u for u, _c in rounds.values()}, active=True
        ).values_list("id", "user_id", "course_id", "email"):
            members.setdefault((uid, cid), []).append((mid, email))
        for rid, key in rounds.items():
            for mid, email in members.get(key, []):
                if (rid, mid) not in answered:
                    yield Due(user_id=None, email=email, object_key=f"teammember:{mid}", period=f"pulse:{rid}")

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """Three queries: members with participant and course; rounds; answers."""
        ids = object_ids(reminders, "teammember")
        round_ids = {r.id: int(r.period.split(":", 1)[1]) for r in reminders if r.period.startswith("pulse:")}
        members = TeamMember.objects.select_related("user", "course").in_bulk(set(ids.values()))
        rounds = PulseRound.objects.in_bulk(set(round_ids.values()))
        answered = set(PulseResponse.objects.filter(round_id__in=rounds).values_list("round_id", "member_id"))
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            member, round_ = members.get(ids.get(r.id)), rounds.get(round_ids.get(r.id))
            if member is None or round_ is None or not member.active or (round_.pk, member.pk) in answered:
                continue
            out[r.id] = {
                "participant_name": member.user.get_full_name(),
                "first_name": member.user.get_short_name(),
                "items": [label for _key, label in PULSE_ITEMS],
                "is_before": round_.phase == PulseRound.Phase.BEFORE,
                "answer_url": pulse_url(member=member, round_=round_),
                "link_days": PULSE_LINK_MAX_AGE.days,
                "language": member.user.language,
            }
        return out


class PulseInviteKind(_PulseKind):
    key = "pulse_invite"
    label = _("Requests to rate someone's coaching in a team pulse")


class PulseNudgeKind(_PulseKind):
    key = "pulse_nudge"
    label = _("One reminder about an open team pulse")
    template = "pulse_nudge"
    after = datetime.timedelta(days=5)


KINDS = [PulseInviteKind, PulseNudgeKind]
