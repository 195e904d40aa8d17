"""Follow-up: commitment plans, spaced check-ins, buddies and the coaching practice log.

Nothing here depends on the enrollment's status: check-ins go on after a course is completed.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Course, Exercise

# The plan's rules. The form, the services and the words on the pages (courses/followup/wording.py)
# all read these, so the instructions cannot drift from what is enforced.
MIN_COMMITMENTS = 1
MAX_COMMITMENTS = 3
DEFAULT_CHECKIN_WEEKS = (1, 3, 8)  # the recommended check-ins, in weeks after the plan is made
MAX_MONTHS_AHEAD = 6  # how far ahead a participant's own check-in dates may be
WHY_MIN_WORDS = 15  # a shorter "why this matters" gets a gentle suggestion to write more (never blocks)


def why_is_short(text: str) -> bool:
    words = len((text or "").split())
    return 0 < words < WHY_MIN_WORDS


def _nonce() -> str:
    return secrets.token_urlsafe(16)


def _buddy_token() -> str:
    return secrets.token_urlsafe(32)


class CommitmentPlan(models.Model):
    """One participant's plan for one plan exercise: 1-3 commitments and their check-ins."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commitment_plans")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="commitment_plans")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="commitment_plans", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("commitment plan")
        verbose_name_plural = _("commitment plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="commitment_plan_one_per_user_and_exercise")
        ]
        indexes = [models.Index(fields=["course", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise}"


class Commitment(models.Model):
    """ "When <situation>, I will <behaviour>"."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ADJUSTED = "adjusted", _("Adjusted")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(CommitmentPlan, on_delete=models.CASCADE, related_name="commitments")
    position = models.PositiveSmallIntegerField(_("position"))
    situation = models.CharField(_("when (situation)"), max_length=300)
    behaviour = models.CharField(_("I will (behaviour)"), max_length=300)
    why = models.TextField(_("why this matters to me"), blank=True, max_length=1000)
    # What observers are asked about, in the third person, in the participant's words.
    observable = models.CharField(_("what others can see"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="commitment_position_unique_in_plan"),
            # Together with the unique position: never more than three commitments per plan.
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_COMMITMENTS), name="commitment_position_1_to_3"
            ),
            models.CheckConstraint(
                condition=~models.Q(situation="") & ~models.Q(behaviour=""), name="commitment_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.sentence

    @property
    def sentence(self) -> str:
        return _commitment_sentence(self.situation, self.behaviour)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


# What participants type in front of their own words, in either language; the sentence adds its own.
_SITUATION_PREFIXES = ("when ", "if ", "als ", "wanneer ")
_BEHAVIOUR_PREFIXES = ("i will ", "then ", "dan ")


def _without_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    lowered = text.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def _commitment_sentence(situation: str, behaviour: str) -> str:
    """The if-then sentence in the language active now (the reader's), around the participant's own words."""
    situation = _without_prefix(situation.strip().rstrip(","), _SITUATION_PREFIXES)
    behaviour = _without_prefix(behaviour.strip(), _BEHAVIOUR_PREFIXES)
    return gettext("When %(situation)s, I will %(behaviour)s") % {"situation": situation, "behaviour": behaviour}


class CommitmentVersion(models.Model):
    """An earlier wording of a commitment, kept when the participant re-plans it (history keeps both)."""

    class Reason(models.TextChoices):
        SMALLER_STEP = "smaller_step", _("A smaller first step")
        NEW_CUE = "new_cue", _("A different “when” cue")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    situation = models.CharField(_("when (situation)"), max_length=300)
    behaviour = models.CharField(_("I will (behaviour)"), max_length=300)
    reason = models.CharField(_("why it changed"), max_length=20, choices=Reason.choices)
    replaced_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("earlier version of a commitment")
        verbose_name_plural = _("earlier versions of commitments")
        ordering = ["replaced_at", "id"]

    def __str__(self) -> str:
        return self.sentence

    @property
    def sentence(self) -> str:
        return _commitment_sentence(self.situation, self.behaviour)


class Buddy(models.Model):
    """Someone the participant trusts, told about the plan; gets check-in summaries once accepted."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    plan = models.OneToOneField(CommitmentPlan, on_delete=models.CASCADE, related_name="buddy")
    email = models.EmailField(_("buddy's email"))
    name = models.CharField(_("buddy's name"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="buddy_for"
    )
    token = models.CharField(max_length=64, unique=True, default=_buddy_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("buddy")
        verbose_name_plural = _("buddies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="accepted", accepted_at__isnull=False) | ~models.Q(status="accepted"),
                name="buddy_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email


class CheckIn(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        ANSWERED = "answered", _("Answered")
        MISSED = "missed", _("Missed")

    plan = models.ForeignKey(CommitmentPlan, on_delete=models.CASCADE, related_name="checkins")
    due_at = models.DateTimeField(_("due at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Part of every signed link: a link is good for this check-in only.
    nonce = models.CharField(max_length=32, default=_nonce, editable=False)
    what_happened = models.TextField(_("what happened"), blank=True, max_length=4000)
    next_step = models.TextField(_("what I will do next"), blank=True, max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="answered") & models.Q(answered_at__isnull=False))
                | (~models.Q(status="answered") & models.Q(answered_at__isnull=True)),
                name="checkin_answered_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"Check-in {self.pk} ({self.status}, {self.due_at:%Y-%m-%d})"


class CheckInAnswer(models.Model):
    class DidIt(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NOT_YET = "not_yet", _("Not yet")

    class Decision(models.TextChoices):
        KEEP = "keep", _("Keep it")
        ADJUST = "adjust", _("Adjust it")
        CLOSE = "close", _("Close it")

    checkin = models.ForeignKey(CheckIn, on_delete=models.PROTECT, related_name="answers")
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="answers")
    commitment_text = models.CharField(max_length=620, editable=False)  # as it read when answered
    did_it = models.CharField(_("did you do it?"), max_length=8, choices=DidIt.choices)
    naturalness = models.PositiveSmallIntegerField(_("how natural did it feel? (0-10)"))
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, default=Decision.KEEP)

    class Meta:
        verbose_name = _("check-in answer")
        verbose_name_plural = _("check-in answers")
        ordering = ["commitment__position"]
        constraints = [
            models.UniqueConstraint(fields=["checkin", "commitment"], name="checkin_answer_one_per_commitment"),
            models.CheckConstraint(condition=models.Q(naturalness__lte=10), name="checkin_answer_naturalness_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_text}: {self.did_it}"


class PracticeLogEntry(models.Model):
    """A real coaching conversation the participant held with a team member."""

    class Technique(models.TextChoices):
        MIRACLE_QUESTION = "miracle_question", _("Miracle question")
        SCALING = "scaling", _("Scaling question")
        GROW = "grow", _("GROW")
        OTHER = "other", _("Other")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_log")
    course = models.ForeignKey(
        Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="practice_log_entries"
    )
    date = models.DateField(_("date"))
    member = models.CharField(
        _("team member (initials or pseudonym)"), max_length=40, help_text=_("Never a full name.")
    )
    topic = models.CharField(_("topic"), max_length=200)
    technique = models.CharField(_("technique used"), max_length=20, choices=Technique.choices)
    question = models.TextField(_("the question you asked"), max_length=2000)
    outcome = models.TextField(_("what the coachee came up with"), max_length=2000)
    next_step = models.TextField(_("agreed next step"), max_length=2000)
    talk_ratio = models.PositiveSmallIntegerField(
        _("how much of the conversation you talked (%)"), help_text=_("0 = only listened, 100 = only talked.")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("practice log entry")
        verbose_name_plural = _("practice log entries")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(talk_ratio__lte=100), name="practice_log_talk_ratio_0_100"),
        ]
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["course", "technique"])]

    def __str__(self) -> str:
        return f"{self.date} {self.member}: {self.topic}"


class FollowupShare(models.Model):
    """The participant lets the trainers of one course read their practice log and plan progress."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_shares")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="followup_shares")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("follow-up share")
        verbose_name_plural = _("follow-up shares")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="followup_share_one_per_user_course")]

    def __str__(self) -> str:
        return f"{self.user} shares with {self.course}"
