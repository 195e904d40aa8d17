"""Writes for the team coaching pulse: switching it on, naming the team, the rounds, an answer."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organization, User
from courses.cohorts.models import Cohort, CohortMembership
from courses.impact.models_pulse import (
    AFTER_WEEKS,
    PULSE_ITEMS,
    TEAM_MAX,
    TEAM_MIN,
    PulseActivation,
    PulseRating,
    PulseResponse,
    PulseRound,
    TeamMember,
)
from courses.impact.tokens import PULSE_LINK_MAX_AGE, pulse_token_dumps
from courses.learning.models import Course, Enrollment
from courses.reminders.base import Due
from courses.reminders.services import reminders_deliver
from lms.links import site_url

ITEM_KEYS = [key for key, _label in PULSE_ITEMS]


@transaction.atomic
def pulse_switch(*, on: bool, by: User, organization: Organization | None = None, cohort: Cohort | None = None) -> bool:
    """Switch the pulse on or off for an organization's members or a cohort. Answers already given stay."""
    target = {"organization": organization} if organization is not None else {"cohort": cohort}
    if on:
        PulseActivation.objects.get_or_create(**target, defaults={"enabled_by": by})
    else:
        PulseActivation.objects.filter(**target).delete()
    return on


def pulse_active_for(*, user: User, course: Course) -> bool:
    orgs = Membership.objects.filter(user=user).values("organization_id")
    cohorts = CohortMembership.objects.filter(enrollment__user=user, enrollment__course=course).values("cohort_id")
    return PulseActivation.objects.filter(Q(organization_id__in=orgs) | Q(cohort_id__in=cohorts)).exists()


def course_end_for(*, user: User, course: Course) -> datetime.date | None:
    """When the participant's course ended: their cohort's last day, or the day they completed it."""
    row = (
        Enrollment.objects.filter(user=user, course=course)
        .exclude(status=Enrollment.Status.CANCELLED)
        .values_list("cohort_membership__cohort__ends_on", "completed_at")
        .first()
    )
    if row is None:
        return None
    ends_on, completed_at = row
    return ends_on or (timezone.localdate(completed_at) if completed_at else None)


def team_emails_check(*, emails: Sequence[str], own_email: str) -> list[str]:
    cleaned = [e.strip().lower() for e in emails if e.strip()]
    errors = []
    for email in cleaned:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("%(email)s is not an email address.") % {"email": email})
    if own_email.lower() in cleaned:
        errors.append(_("Your team means the people you coach: remove your own address."))
    duplicates = sorted({e for e in cleaned if cleaned.count(e) > 1})
    if duplicates:
        errors.append(_("%(emails)s is listed more than once.") % {"emails": ", ".join(duplicates)})
    if len(set(cleaned)) > TEAM_MAX:
        errors.append(_("Name at most %(max)d team members.") % {"max": TEAM_MAX})
    elif len(set(cleaned)) < TEAM_MIN:
        errors.append(
            _("Name at least %(min)d team members, so that nobody's answer can be picked out.") % {"min": TEAM_MIN}
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def pulse_after_round_ensure(*, user: User, course: Course) -> PulseRound | None:
    """The "after" round, AFTER_WEEKS weeks after the course ended, once the end is known."""
    end = course_end_for(user=user, course=course)
    if end is None or not PulseRound.objects.filter(user=user, course=course, phase="before").exists():
        return None
    opens = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(weeks=AFTER_WEEKS), datetime.time(9))
    )
    round_, _created = PulseRound.objects.get_or_create(
        user=user, course=course, phase=PulseRound.Phase.AFTER, defaults={"opens_at": opens}
    )
    return round_


def pulse_after_course_completed(enrollment: Enrollment) -> None:
    """learning's on_course_completed hook: the "after" round gets its date."""
    pulse_after_round_ensure(user=enrollment.user, course=enrollment.course)


@transaction.atomic
def team_set(*, user: User, course: Course, emails: Sequence[str]) -> list[TeamMember]:
    """Name the team (3-15, never the participant). The first time the "before" round opens."""
    if not pulse_active_for(user=user, course=course):
        raise ValidationError(_("The team coaching pulse is not switched on for this course."), code="off")
    cleaned = team_emails_check(emails=emails, own_email=user.email)
    current = set(TeamMember.objects.filter(user=user, course=course).values_list("email", flat=True))
    TeamMember.objects.filter(user=user, course=course).exclude(email__in=cleaned).update(active=False)
    TeamMember.objects.filter(user=user, course=course, email__in=cleaned).update(active=True)
    TeamMember.objects.bulk_create([TeamMember(user=user, course=course, email=e) for e in cleaned if e not in current])
    PulseRound.objects.get_or_create(
        user=user, course=course, phase=PulseRound.Phase.BEFORE, defaults={"opens_at": timezone.now()}
    )
    pulse_after_round_ensure(user=user, course=course)
    _invitations_send(user=user, course=course)
    return list(TeamMember.objects.filter(user=user, course=course, active=True))


def _invitations_send(*, user: User, course: Course) -> None:
    """Invitations for a round open now go out at once; the sweep finds the same rows (sent once)."""
    now = timezone.now()
    rounds = list(
        PulseRound.objects.filter(
            user=user, course=course, opens_at__lte=now, opens_at__gt=now - PULSE_LINK_MAX_AGE
        ).values_list("id", flat=True)
    )
    answered = set(PulseResponse.objects.filter(round_id__in=rounds).values_list("round_id", "member_id"))
    dues = [
        Due(user_id=None, email=email, object_key=f"teammember:{mid}", period=f"pulse:{rid}")
        for mid, email in TeamMember.objects.filter(user=user, course=course, active=True).values_list("id", "email")
        for rid in rounds
        if (rid, mid) not in answered
    ]
    reminders_deliver(kind="pulse_invite", dues=dues)


def pulse_url(*, member: TeamMember, round_: PulseRound) -> str:
    token = pulse_token_dumps(member_id=member.pk, round_id=round_.pk)
    return site_url(reverse("courses:pulse_answer", kwargs={"token": token}))


@transaction.atomic
def pulse_answer(*, member: TeamMember, round_: PulseRound, ratings: Mapping[str, int]) -> PulseResponse:
    """One team member's answer for one round, once; every item on the 1-7 scale."""
    if (member.user_id, member.course_id) != (round_.user_id, round_.course_id) or not member.active:
        raise ValidationError(_("This link is not for this round."), code="invalid")
    if set(ratings) != set(ITEM_KEYS) or any(not 1 <= v <= 7 for v in ratings.values()):
        raise ValidationError(_("Choose an answer for every item."), code="incomplete")
    try:
        with transaction.atomic():
            response = PulseResponse.objects.create(round=round_, member=member)
    except IntegrityError as exc:
        raise ValidationError(_("You already answered this round."), code="used") from exc
    PulseRating.objects.bulk_create([PulseRating(response=response, item=k, value=v) for k, v in ratings.items()])
    return response
