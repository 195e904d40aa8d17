"""Observer pulses on a commitment plan: the people who watch the behaviour rate it, round after round.

A participant names 3-8 observers (team members, peers, their own manager) by email. Each open
commitment carries an observable item in the third person (Commitment.observable). Round 0 is the
baseline, sent when the observers are first named; then one round per check-in, opening on its date.
Observers answer through a signed link (courses.followup.tokens), without an account, once per round.
What anyone sees of the answers is decided by the thresholds below (courses.followup.selectors.observers).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.followup.models import CheckIn, Commitment, CommitmentPlan

OBSERVERS_MIN = 3
OBSERVERS_MAX = 8
# The participant sees a round's average and comments only from this many answers on.
OBSERVER_THRESHOLD = 3
SCALE_MIN, SCALE_MAX = 1, 7


class Observer(models.Model):
    plan = models.ForeignKey(CommitmentPlan, on_delete=models.CASCADE, related_name="observers")
    email = models.EmailField(_("observer's email"))
    active = models.BooleanField(default=True)  # removed observers keep their past answers
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["plan", "email"], name="observer_one_per_plan_and_email")]

    def __str__(self) -> str:
        return self.email


class ObserverRound(models.Model):
    """Round 0 is the baseline; round n goes with the plan's n-th check-in."""

    plan = models.ForeignKey(CommitmentPlan, on_delete=models.CASCADE, related_name="observer_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    checkin = models.OneToOneField(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="observer_round"
    )
    opens_at = models.DateTimeField(_("opens at"))

    class Meta:
        verbose_name = _("observer round")
        verbose_name_plural = _("observer rounds")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="observer_round_unique_number")]
        indexes = [models.Index(fields=["opens_at"])]

    def __str__(self) -> str:
        return f"{self.plan_id} round {self.number}"

    @property
    def is_baseline(self) -> bool:
        return self.number == 0


class ObserverResponse(models.Model):
    """One observer's answers for one round: exactly one, ever (the unique key refuses a second)."""

    round = models.ForeignKey(ObserverRound, on_delete=models.CASCADE, related_name="responses")
    observer = models.ForeignKey(Observer, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("observer response")
        verbose_name_plural = _("observer responses")
        constraints = [models.UniqueConstraint(fields=["round", "observer"], name="observer_response_once_per_round")]

    def __str__(self) -> str:
        return f"{self.observer_id} in {self.round_id}"


class ObserverRating(models.Model):
    response = models.ForeignKey(ObserverResponse, on_delete=models.CASCADE, related_name="ratings")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="observer_ratings")
    value = models.PositiveSmallIntegerField(
        _("how often"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    comment = models.TextField(_("comment (optional)"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("observer rating")
        verbose_name_plural = _("observer ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "commitment"], name="observer_rating_one_per_commitment"),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=7), name="observer_rating_1_to_7"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}: {self.value}"
