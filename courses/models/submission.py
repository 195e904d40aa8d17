"""Reflections and practice assignments: responses, rubric, submissions and reviews."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.exercise import Exercise


class ReflectionResponse(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(_("your answer"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="reflection_one_per_user_and_exercise"),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="reflection_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise}"


class RubricCriterion(models.Model):
    """One line of an assignment's rubric, scored 0..max_score by the trainer."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="rubric_criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=4, validators=[MinValueValidator(1)])
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(max_score__gte=1), name="rubric_max_score_positive")]

    def __str__(self) -> str:
        return self.name


def _submission_path(instance: Submission, filename: str) -> str:
    # A random name under the private storage; the original name is kept in a field.
    return f"submissions/{secrets.token_hex(16)}"


class Submission(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="submissions")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+", editable=False)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("your answer"))
    file = models.FileField(_("file"), upload_to=_submission_path, blank=True, max_length=200)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    trainers_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise", "version"], name="submission_version_unique"),
            models.UniqueConstraint(
                fields=["user", "exercise"],
                condition=models.Q(status="submitted"),
                name="submission_one_pending_per_user_and_exercise",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"]), models.Index(fields=["course", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise} · v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("courses:review_detail", kwargs={"pk": self.pk})

    def file_url(self) -> str:
        return reverse("courses:submission_file", kwargs={"pk": self.pk}) if self.file else ""


class Review(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="reviews_given"
    )
    feedback = models.TextField(_("feedback"))
    decision = models.CharField(_("decision"), max_length=14, choices=Decision.choices)
    # {"<criterion id>": score}
    scores = models.JSONField(default=dict, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)
    participant_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.submission} · {self.get_decision_display()}"
