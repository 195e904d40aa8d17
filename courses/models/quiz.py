"""Quizzes: details of a quiz exercise, its questions and options, and attempts."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models.exercise import Exercise


class Quiz(models.Model):
    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="quiz", primary_key=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, help_text=_("Leave empty for unlimited attempts.")
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100), name="quiz_pass_mark_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.exercise)


class Question(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    multiple = models.BooleanField(_("multiple answers"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("answer"))
    is_correct = models.BooleanField(_("correct"), default=False)
    explanation = models.TextField(_("explanation"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class QuizAttempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="quiz_attempts")
    number = models.PositiveIntegerField(_("attempt"))
    score = models.PositiveSmallIntegerField(_("score (percent)"))
    passed = models.BooleanField(_("passed"))
    # {"<question id>": [option ids chosen]}; the scoring is done at submit time, server-side.
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise", "number"], name="quiz_attempt_number_unique"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="quiz_attempt_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.exercise} · {self.score}%"

    def chosen_ids(self) -> set[int]:
        return {int(i) for ids in self.answers.values() for i in ids}
