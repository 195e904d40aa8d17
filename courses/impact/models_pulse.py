"""The team coaching pulse: the participant's own team rates their coaching before and after the course.

An organization admin (for the organization's members) or a trainer (for a cohort) switches it
on (PulseActivation). The participant names team members by email; each answers PULSE_ITEMS on
the 1-7 scale through a signed link, once in the "before" round (opens when the team is named)
and once in the "after" round (opens AFTER_WEEKS weeks after the course ended). The participant
sees a round's averages from 3 answers on; any group view needs 5 people (courses.impact).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from courses.cohorts.models import Cohort
from courses.learning.models import Course

TEAM_MIN, TEAM_MAX = 3, 15
PULSE_THRESHOLD = 3  # answers per round before the participant sees an average
AFTER_WEEKS = 8  # the "after" round opens 8 weeks after the course ended (and stays open 4 weeks)

# Written from the courses' ideas: ask before advising, let them find their own way, follow up, listen.
PULSE_ITEMS = (
    ("asks_first", _("Asks questions before giving advice")),
    ("own_solution", _("Lets me find my own solution")),
    ("follows_up", _("Follows up on what I decided")),
    ("talks_less", _("Talks less than I do in our one-to-ones")),
    ("listens", _("Listens to the end before responding")),
    ("progress", _("Notices and names my progress")),
)


class PulseActivation(models.Model):
    """The pulse is on for an organization's members, or for a cohort's participants."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="pulse_activation"
    )
    cohort = models.OneToOneField(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="pulse_activation"
    )
    enabled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("team pulse activation")
        verbose_name_plural = _("team pulse activations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=True, cohort__isnull=False)
                | models.Q(organization__isnull=False, cohort__isnull=True),
                name="pulse_activation_org_or_cohort",
            )
        ]

    def __str__(self) -> str:
        return f"pulse on for {self.organization_id or self.cohort_id}"


class TeamMember(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_team")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("team member's email"))
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "email"], name="team_member_one_per_participant_course")
        ]

    def __str__(self) -> str:
        return self.email


class PulseRound(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", _("Before the course")
        AFTER = "after", _("After the course")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_rounds")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("phase"), max_length=6, choices=Phase.choices)
    opens_at = models.DateTimeField(_("opens at"))

    class Meta:
        verbose_name = _("team pulse round")
        verbose_name_plural = _("team pulse rounds")
        constraints = [models.UniqueConstraint(fields=["user", "course", "phase"], name="pulse_round_one_per_phase")]
        indexes = [models.Index(fields=["opens_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.course_id} {self.phase}"


class PulseResponse(models.Model):
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("team pulse response")
        verbose_name_plural = _("team pulse responses")
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="pulse_response_once_per_round")]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.round_id}"


class PulseRating(models.Model):
    response = models.ForeignKey(PulseResponse, on_delete=models.CASCADE, related_name="ratings")
    item = models.CharField(_("item"), max_length=20, choices=PULSE_ITEMS)
    value = models.PositiveSmallIntegerField(_("how often"))

    class Meta:
        verbose_name = _("team pulse rating")
        verbose_name_plural = _("team pulse ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="pulse_rating_one_per_item"),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=7), name="pulse_rating_1_to_7"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"
