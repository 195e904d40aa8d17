"""Reminder kinds of organizations: the admins' weekly team digest, and invitations.

Invitations go to people who may have no account yet: their rows are addressed by email
(object_key "invitation:<id>", period "exp<expiry>"), so each invitation is sent once, and a
resend (a new expiry) is sent once more. Registered by CoursesConfig.ready() from `KINDS`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, User
from courses.learning.models import Enrollment
from courses.learning.selectors import progress_for_enrollments
from courses.organizations.models import Invitation
from courses.reminders.base import Due, ReminderKind, iso_week, object_ids
from courses.reminders.services import reminders_deliver_now
from lms.links import absolute_url


class OrgAdminDigestKind(ReminderKind):
    key = "org_digest"
    label = _("Weekly digest of my team's progress (organization admins)")
    template = "reminder_org_digest"

    def find_due(self, *, now):
        period = iso_week(now)
        rows = Membership.objects.filter(role=Membership.Role.ADMIN).values_list("user_id", "organization_id")
        return [Due(user_id=uid, object_key=f"org:{oid}", period=period) for uid, oid in rows]

    def contexts(self, *, reminders):
        org_ids = object_ids(reminders, "org")
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
                "org_url": absolute_url("courses:org_overview", org_slug=orgs[oid].slug),
            }
        return out


def invitation_period(invitation: Invitation) -> str:
    """One email per invitation and expiry: a resend sets a new expiry, hence a new email."""
    return "exp" + invitation.expires_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


class InvitationKind(ReminderKind):
    """Essential: the invitation itself, to an address that may have no account yet."""

    key = "invitation"
    label = _("Invitations to a course")
    essential = True
    template = "invitation"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for the batch's invitations, one for the languages of invitees who have an
        account already; revoked, accepted or resent since: not sent."""
        ids = object_ids(reminders, "invitation")
        invitations = Invitation.objects.select_related("organization", "licence__course", "invited_by").in_bulk(
            set(ids.values())
        )
        emails = {inv.email.lower() for inv in invitations.values()}
        languages = dict(User.objects.filter(email__in=emails).values_list("email", "language")) if emails else {}
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            invitation = invitations.get(ids.get(r.id))
            if invitation is None or invitation.status != Invitation.Status.PENDING:
                continue
            if invitation_period(invitation) != r.period:
                continue
            out[r.id] = {
                "invitation": invitation,
                "course": invitation.licence.course,
                "organization": invitation.organization,
                "accept_url": absolute_url("courses:invitation_accept", token=invitation.token),
                # An invitee with an account reads their own language; one without, the course's
                # (the language they are invited to learn in), whatever the inviting admin reads.
                "language": languages.get(invitation.email.lower(), invitation.licence.course.language),
            }
        return out


def invitations_send(*, invitation_ids: list[int]) -> int:
    """Send the pending invitations among `invitation_ids` through the outbox. Returns the number sent."""
    rows = Invitation.objects.filter(pk__in=invitation_ids, status=Invitation.Status.PENDING).order_by("pk")
    dues = [
        Due(user_id=None, email=inv.email, object_key=f"invitation:{inv.pk}", period=invitation_period(inv))
        for inv in rows.only("id", "email", "expires_at")
    ]
    return reminders_deliver_now(kind=InvitationKind.key, dues=dues)


KINDS = [OrgAdminDigestKind, InvitationKind]
