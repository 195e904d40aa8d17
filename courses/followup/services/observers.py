"""Writes for observer pulses: naming observers and their items, the rounds, and an observer's answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.followup.models import CheckIn, Commitment, CommitmentPlan
from courses.followup.models_observers import (
    OBSERVERS_MAX,
    OBSERVERS_MIN,
    SCALE_MAX,
    SCALE_MIN,
    Observer,
    ObserverRating,
    ObserverResponse,
    ObserverRound,
)
from courses.followup.tokens import OBSERVER_LINK_MAX_AGE, observer_token_dumps
from courses.reminders.base import Due
from courses.reminders.services import reminders_deliver
from lms.links import site_url


def observer_emails_check(*, emails: Sequence[str], own_email: str) -> list[str]:
    """The cleaned list (lower case, in order); ValidationError with every problem in it."""
    cleaned = [e.strip().lower() for e in emails if e.strip()]
    errors: list[ValidationError] = []
    for email in cleaned:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                ValidationError(_("%(email)s is not an email address."), code="invalid", params={"email": email})
            )
    if own_email.lower() in cleaned:
        errors.append(ValidationError(_("Observers must be other people: remove your own address."), code="self"))
    duplicates = sorted({e for e in cleaned if cleaned.count(e) > 1})
    if duplicates:
        errors.append(
            ValidationError(
                _("%(emails)s is listed more than once."), code="duplicate", params={"emails": ", ".join(duplicates)}
            )
        )
    if len(set(cleaned)) > OBSERVERS_MAX:
        errors.append(
            ValidationError(_("Name at most %(max)d observers."), code="too_many", params={"max": OBSERVERS_MAX})
        )
    elif len(set(cleaned)) < OBSERVERS_MIN:
        errors.append(
            ValidationError(
                _("Name at least %(min)d observers, so that nobody's answer can be picked out."),
                code="too_few",
                params={"min": OBSERVERS_MIN},
            )
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def observer_rounds_ensure(*, plan: CommitmentPlan) -> list[ObserverRound]:
    """The baseline (opens now) once, and one round per check-in still ahead that has none yet."""
    now = timezone.now()
    existing = list(plan.observer_rounds.all())
    new = []
    if not any(r.number == 0 for r in existing):
        new.append(ObserverRound(plan=plan, number=0, opens_at=now))
    taken = {r.checkin_id for r in existing}
    number = max([r.number for r in existing], default=0)
    checkins = CheckIn.objects.filter(plan=plan, due_at__gt=now).exclude(pk__in=taken).order_by("due_at", "id")
    for checkin in checkins:
        number += 1
        new.append(ObserverRound(plan=plan, number=number, checkin=checkin, opens_at=checkin.due_at))
    ObserverRound.objects.bulk_create(new)
    return new


@transaction.atomic
def observers_set(*, plan: CommitmentPlan, emails: Sequence[str], items: Mapping[int, str]) -> list[Observer]:
    """Name the plan's observers (3-8, never the participant) and each open commitment's observable item.

    Observers left out are deactivated (their past answers stay in the averages). The first time,
    the baseline round opens. ValidationError (keyed "emails" / "items") changes nothing.
    """
    plan = CommitmentPlan.objects.select_for_update().select_related("user").get(pk=plan.pk)
    errors: dict[str, list[ValidationError]] = {}
    try:
        cleaned = observer_emails_check(emails=emails, own_email=plan.user.email)
    except ValidationError as exc:
        errors["emails"] = exc.error_list
        cleaned = []
    commitments = [c for c in plan.commitments.all() if c.is_open]
    texts = {c.pk: (items.get(c.pk) or "").strip() for c in commitments}
    if any(not t for t in texts.values()):
        errors["items"] = [ValidationError(_("Write what your observers will see for each commitment."), "empty")]
    if errors:
        raise ValidationError(errors)
    for commitment in commitments:
        if commitment.observable != texts[commitment.pk]:
            commitment.observable = texts[commitment.pk][:300]
            commitment.save(update_fields=["observable"])
    current = {o.email: o for o in plan.observers.all()}
    Observer.objects.filter(plan=plan).exclude(email__in=cleaned).update(active=False)
    Observer.objects.filter(plan=plan, email__in=cleaned, active=False).update(active=True)
    Observer.objects.bulk_create([Observer(plan=plan, email=e) for e in cleaned if e not in current])
    observer_rounds_ensure(plan=plan)
    _invitations_send(plan=plan)
    return list(plan.observers.filter(active=True))


def _invitations_send(*, plan: CommitmentPlan) -> None:
    """The invitations for rounds open now go out at once (not at the next sweep); the unique row
    makes this and the sweep agree, so nobody gets two."""
    now = timezone.now()
    rounds = list(
        plan.observer_rounds.filter(opens_at__lte=now, opens_at__gt=now - OBSERVER_LINK_MAX_AGE).values_list(
            "id", flat=True
        )
    )
    answered = set(ObserverResponse.objects.filter(round_id__in=rounds).values_list("round_id", "observer_id"))
    dues = [
        Due(user_id=None, email=email, object_key=f"observer:{oid}", period=f"round:{rid}")
        for oid, email in plan.observers.filter(active=True).values_list("id", "email")
        for rid in rounds
        if (rid, oid) not in answered
    ]
    reminders_deliver(kind="observer_invite", dues=dues)


def observer_url(*, observer: Observer, round_: ObserverRound) -> str:
    token = observer_token_dumps(observer_id=observer.pk, round_id=round_.pk)
    return site_url(reverse("courses:observer_answer", kwargs={"token": token}))


@dataclass(frozen=True)
class ObserverRatingInput:
    value: int
    comment: str = ""


@transaction.atomic
def observer_answer(
    *, observer: Observer, round_: ObserverRound, ratings: Mapping[int, ObserverRatingInput]
) -> ObserverResponse:
    """Store one observer's answer for one round, once. A second answer raises ValidationError("used")."""
    if observer.plan_id != round_.plan_id or not observer.active:
        raise ValidationError(_("This link is not for this round."), code="invalid")
    open_ids = set(
        Commitment.objects.filter(plan_id=round_.plan_id)
        .exclude(status=Commitment.Status.CLOSED)
        .values_list("pk", flat=True)
    )
    if set(ratings) != open_ids or any(not SCALE_MIN <= r.value <= SCALE_MAX for r in ratings.values()):
        raise ValidationError(_("Choose an answer for every item."), code="incomplete")
    try:
        with transaction.atomic():
            response = ObserverResponse.objects.create(round=round_, observer=observer)
    except IntegrityError as exc:
        raise ValidationError(_("You already answered this round."), code="used") from exc
    ObserverRating.objects.bulk_create(
        [
            ObserverRating(response=response, commitment_id=cid, value=r.value, comment=r.comment.strip()[:1000])
            for cid, r in ratings.items()
        ]
    )
    return response
