"""Impact: what changed after a course, on Kirkpatrick's four levels (the report is in selectors.report).

Level 1: the participant's end-of-course reaction (ReactionSurvey). Level 2: one quiz of a course
marked as pre- and post-test (PrePostTest); its first and last attempts are compared. Level 3 reads
follow-up (check-ins, observer rounds) and the team coaching pulse. Level 4: a business figure per
person per month, uploaded by the organization's admin (KpiValue). Nothing here is ever shown per
person to an organization: every group figure needs GROUP_THRESHOLD people.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from courses.learning.models import Course, Exercise

GROUP_THRESHOLD = 5  # no group figure for fewer people, for anyone


class ReactionSurvey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reaction_surveys")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="reaction_surveys")
    relevance = models.PositiveSmallIntegerField(
        _("How relevant was the course to your work?"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    confidence = models.PositiveSmallIntegerField(
        _("How confident are you that you can apply it?"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    recommend = models.PositiveSmallIntegerField(
        _("How likely are you to recommend it to a colleague?"), validators=[MaxValueValidator(10)]
    )
    open_answer = models.TextField(_("What will you do differently from now on?"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("reaction survey")
        verbose_name_plural = _("reaction surveys")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="reaction_survey_one_per_user_and_course"),
            models.CheckConstraint(
                condition=models.Q(relevance__gte=1, relevance__lte=7, confidence__gte=1, confidence__lte=7)
                & models.Q(recommend__lte=10),
                name="reaction_survey_scales",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.course_id}"


class PrePostTest(models.Model):
    """The quiz a course takes at the start (first attempt) and again at the end (last attempt)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="prepost_test")
    quiz = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+", verbose_name=_("quiz"))

    class Meta:
        verbose_name = _("pre- and post-test")
        verbose_name_plural = _("pre- and post-tests")

    def __str__(self) -> str:
        return f"{self.course_id}: {self.quiz_id}"


class KpiValue(models.Model):
    """One business figure for one person in one month, as the organization uploaded it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="kpi_values")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_values")
    month = models.DateField(_("month"))  # always the first day of the month
    metric = models.CharField(_("metric"), max_length=80)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("business figure")
        verbose_name_plural = _("business figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user", "month", "metric"], name="kpi_value_one_per_person_month_metric"
            ),
        ]
        indexes = [models.Index(fields=["organization", "metric", "month"])]

    def __str__(self) -> str:
        return f"{self.metric} {self.month:%Y-%m}"
