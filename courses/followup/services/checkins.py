"""Writes for check-ins: the signed link, and answering (single use, keep / adjust / close)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.followup.models import Buddy, CheckIn, CheckInAnswer, Commitment
from courses.followup.services.observers import observer_rounds_ensure
from courses.followup.services.plans import MAX_CHECKINS_PER_PLAN, checkin_dates_validate, checkin_due_at
from courses.followup.tokens import checkin_token_dumps
from courses.reminders.base import Due
from courses.reminders.services import reminder_enqueue
from lms.links import site_url

# --- Check-in links ----------------------------------------------------------------------------


def checkin_token_create(*, checkin: CheckIn) -> str:
    """A signed, timestamped token for this check-in only (its id and its secret nonce)."""
    return checkin_token_dumps(checkin_id=checkin.pk, nonce=checkin.nonce)


def checkin_url(*, checkin: CheckIn, absolute: bool = True) -> str:
    path = reverse("courses:checkin_answer", kwargs={"token": checkin_token_create(checkin=checkin)})
    return site_url(path) if absolute else path


# --- Answering a check-in ----------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentAnswerInput:
    did_it: str
    naturalness: int
    decision: str = CheckInAnswer.Decision.KEEP
    situation: str = ""  # new wording when the decision is "adjust"
    behaviour: str = ""


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    answers: Mapping[int, CommitmentAnswerInput],
    what_happened: str = "",
    next_step: str = "",
    new_checkin_date: datetime.date | None = None,
) -> CheckIn:
    """Record a check-in (single use), apply keep/adjust/close, add a check-in, copy the buddy."""
    checkin = CheckIn.objects.select_for_update().select_related("plan__user").get(pk=checkin.pk)
    if checkin.status == CheckIn.Status.ANSWERED:
        raise ValidationError(_("This check-in has already been answered."), code="answered")
    now = timezone.now()
    rows = _answer_rows_check(checkin=checkin, answers=answers, new_checkin_date=new_checkin_date, now=now)
    CheckInAnswer.objects.bulk_create([row for row, _answer in rows])
    _commitments_apply(rows=rows, now=now)
    checkin.status = CheckIn.Status.ANSWERED
    checkin.answered_at = now
    checkin.what_happened = what_happened.strip()[:4000]
    checkin.next_step = next_step.strip()[:4000]
    checkin.save(update_fields=["status", "answered_at", "what_happened", "next_step"])
    # Earlier check-ins left open are now past: they get no more reminders.
    plan = checkin.plan
    plan.checkins.filter(status=CheckIn.Status.SCHEDULED, due_at__lt=checkin.due_at).update(
        status=CheckIn.Status.MISSED
    )
    if all(row.decision == CheckInAnswer.Decision.CLOSE for row, _answer in rows):
        # Every commitment is closed: nothing left to check in on.
        plan.checkins.filter(status=CheckIn.Status.SCHEDULED).delete()
    elif new_checkin_date is not None:
        CheckIn.objects.create(plan=plan, due_at=checkin_due_at(new_checkin_date))
        if plan.observer_rounds.exists():
            observer_rounds_ensure(plan=plan)  # observers get a round with the new check-in too
    _buddy_summary_send(checkin=checkin, rows=[row for row, _answer in rows])
    return checkin


def _answer_errors(answer: CommitmentAnswerInput) -> list[ValidationError]:
    errors = []
    if answer.decision == CheckInAnswer.Decision.ADJUST and (
        not answer.situation.strip() or not answer.behaviour.strip()
    ):
        errors.append(
            ValidationError(_("An adjusted commitment needs both a situation and a behaviour."), code="empty")
        )
    if answer.did_it not in CheckInAnswer.DidIt.values:
        errors.append(ValidationError(_("Choose yes, partly or not yet."), code="did_it"))
    if answer.decision not in CheckInAnswer.Decision.values:
        errors.append(ValidationError(_("Choose to keep, adjust or close it."), code="decision"))
    if not isinstance(answer.naturalness, int) or not 0 <= answer.naturalness <= 10:
        errors.append(ValidationError(_("Choose a number from 0 to 10 for how natural it felt."), code="naturalness"))
    return errors


def _answer_rows_check(
    *,
    checkin: CheckIn,
    answers: Mapping[int, CommitmentAnswerInput],
    new_checkin_date: datetime.date | None,
    now: datetime.datetime,
) -> list[tuple[CheckInAnswer, CommitmentAnswerInput]]:
    """Unsaved answer rows with their input; ValidationError (keyed by field) for every problem."""
    plan = checkin.plan
    commitments = [c for c in plan.commitments.all() if c.is_open]
    errors: dict[str, list[ValidationError]] = {}
    if set(answers) != {c.pk for c in commitments}:
        errors["answers"] = [ValidationError(_("Answer every open commitment."), code="incomplete")]
    if new_checkin_date is not None:
        try:
            checkin_dates_validate(dates=[new_checkin_date], today=timezone.localdate(now))
        except ValidationError as exc:
            errors["new_checkin_date"] = exc.error_list
        if plan.checkins.count() >= MAX_CHECKINS_PER_PLAN:
            errors.setdefault("new_checkin_date", []).append(
                ValidationError(_("This plan already has the most check-ins it can hold."), code="too_many")
            )
    rows = []
    for commitment in commitments:
        answer = answers.get(commitment.pk)
        if answer is None:
            continue
        if problems := _answer_errors(answer):
            errors.setdefault("answers", []).extend(problems)
        row = CheckInAnswer(
            checkin=checkin,
            commitment=commitment,
            commitment_text=commitment.sentence[:620],
            did_it=answer.did_it,
            naturalness=answer.naturalness,
            decision=answer.decision,
        )
        rows.append((row, answer))
    if errors:
        raise ValidationError(errors)
    return rows


def _commitments_apply(*, rows: Sequence[tuple[CheckInAnswer, CommitmentAnswerInput]], now: datetime.datetime) -> None:
    """Adjust or close the commitments the answers decided on."""
    for row, answer in rows:
        commitment = row.commitment
        if answer.decision == CheckInAnswer.Decision.ADJUST:
            commitment.situation = answer.situation.strip()[:300]
            commitment.behaviour = answer.behaviour.strip()[:300]
            commitment.status = Commitment.Status.ADJUSTED
        elif answer.decision == CheckInAnswer.Decision.CLOSE:
            commitment.status = Commitment.Status.CLOSED
        else:
            continue
        commitment.updated_at = now
        commitment.full_clean(exclude=["plan"], validate_constraints=False)
        commitment.save(update_fields=["situation", "behaviour", "status", "updated_at"])


def _buddy_summary_send(*, checkin: CheckIn, rows: Sequence[CheckInAnswer]) -> None:
    """The accepted buddy gets a copy of the outcome through the outbox (BuddySummaryKind),
    never the private reflection text."""
    buddy = Buddy.objects.filter(plan_id=checkin.plan_id, status=Buddy.Status.ACCEPTED).first()
    if buddy is None:
        return
    reminder_enqueue(
        kind="buddy_summary",
        due=Due(user_id=None, email=buddy.email, object_key=f"checkin:{checkin.pk}", period="buddy"),
    )
