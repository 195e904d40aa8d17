"""Exercises: the common part every kind shares, and the completion record.

Each kind (quiz, reflection, assignment, commitment plan, practice log) keeps its own
details in its own models, related one-to-one or many-to-one to `Exercise`. A kind marks
an exercise complete for a user through `courses.services.exercise_mark_complete`;
required exercises count towards course completion next to required lessons.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.course import Course, Module


class Exercise(models.Model):
    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        REFLECTION = "reflection", _("Reflection")
        ASSIGNMENT = "assignment", _("Practice assignment")
        PLAN = "plan", _("Commitment plan")
        PRACTICE_LOG = "practice_log", _("Coaching practice log")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="exercises")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="exercises", editable=False)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    instructions = models.TextField(_("instructions (Markdown)"), blank=True)
    instructions_html = models.TextField(editable=False, blank=True)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Required exercises count towards course completion.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "slug"], name="exercise_slug_unique_in_course")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:exercise_detail", kwargs={"course_slug": self.course.slug, "exercise_slug": self.slug})


class ExerciseCompletion(models.Model):
    """A user has done what an exercise asks (quiz passed, reflection submitted, ...)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exercise_completions")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="completions")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+", editable=False)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="exercise_completion_one_per_user_and_exercise")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.user} completed {self.exercise}"
