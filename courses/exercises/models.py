"""The exercise kinds' own models: quiz, reflection, practice assignment, rubric and review.

The common part every kind shares (`Exercise`) and the completion record (`ExerciseCompletion`)
belong to the course structure in `courses.learning.models`.

Each kind (quiz, reflection, assignment, commitment plan, practice log) keeps its own
details in its own models, related one-to-one or many-to-one to `Exercise`. A kind marks
an exercise complete for a user through `courses.learning.services.exercise_mark_complete`;
required exercises count towards course completion next to required lessons.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Exercise


class Quiz(models.Model):
    class RevealAnswers(models.TextChoices):
        """When the result page shows the correct options (and their explanations). Before that
        it shows which questions were wrong and the explanations of the options the participant chose."""

        AFTER_PASS = "after_pass", _("After a pass or the last attempt")
        ALWAYS = "always", _("After every attempt")
        NEVER = "never", _("Never")

    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="quiz", primary_key=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, help_text=_("Leave empty for unlimited attempts.")
    )
    reveal_answers = models.CharField(
        _("show the correct answers"),
        max_length=20,
        choices=RevealAnswers.choices,
        default=RevealAnswers.AFTER_PASS,
        help_text=_("Showing them after a failed attempt lets a participant pass by copying."),
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

    @property
    def says_select_all(self) -> bool:
        """The author already wrote "select all" into the question (English or Dutch content)."""
        text = self.text.lower()
        return any(phrase in text for phrase in ("select all", "kies alle", "alle juiste"))


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
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="quiz_attempts")
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


class ReflectionResponse(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reflections")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="reflections")
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


class Conversation(models.Model):
    """A practice conversation's own settings: the coach's scenario, the coachee's role card (never
    shown to the coach), the longest recording and whether peers may comment. Its rubric is the
    exercise's `RubricCriterion` rows, as for an assignment; recordings live in courses.practice."""

    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="conversation", primary_key=True)
    scenario = models.TextField(_("scenario for the coach"))
    role_card = models.TextField(_("role card for the coachee"))
    max_minutes = models.PositiveSmallIntegerField(
        _("maximum length (minutes)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    peer_comments = models.BooleanField(
        _("peers may comment"),
        default=False,
        help_text=_("Participants of the same group see each other's recordings and comment on them."),
    )

    class Meta:
        verbose_name = _("practice conversation")
        verbose_name_plural = _("practice conversations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_minutes__gte=1, max_minutes__lte=60), name="conversation_max_minutes_range"
            )
        ]

    def __str__(self) -> str:
        return str(self.exercise)


def _submission_path(instance: Submission, filename: str) -> str:
    # A random name under the private storage; the original name is kept in a field.
    return f"submissions/{secrets.token_hex(16)}"


class Submission(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="submissions")
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="+", editable=False)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("your answer"))
    file = models.FileField(_("file"), upload_to=_submission_path, blank=True, max_length=200)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)

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

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="reviews_given"
    )
    feedback = models.TextField(_("feedback"))
    decision = models.CharField(_("decision"), max_length=14, choices=Decision.choices)
    # {"<criterion id>": score}
    scores = models.JSONField(default=dict, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.submission} · {self.get_decision_display()}"


class PeerReviewSetup(models.Model):
    """Peer review switched on for one assignment or practice conversation: each submission gets
    `reviewers` reviews against the rubric from participants of the course who submitted themselves.
    It never replaces the trainer's decision."""

    exercise = models.OneToOneField(
        Exercise, on_delete=models.CASCADE, related_name="peer_review_setup", primary_key=True
    )
    reviewers = models.PositiveSmallIntegerField(
        _("peer reviews per submission"), default=2, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Reviewers and authors do not see each other's names.")
    )
    days = models.PositiveSmallIntegerField(
        _("days to review"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A reviewer who has not reviewed by then is replaced."),
    )

    class Meta:
        verbose_name = _("peer review setting")
        verbose_name_plural = _("peer review settings")

    def __str__(self) -> str:
        return str(self.exercise)


class PeerReview(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("To do")
        SUBMITTED = "submitted", _("Done")
        EXPIRED = "expired", _("Replaced (too late)")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="peer_reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_reviews")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED)
    assigned_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(_("review by"))
    scores = models.JSONField(default=dict, blank=True)  # {"<criterion id>": score}
    feedback = models.TextField(_("feedback"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    helpful = models.BooleanField(_("helpful"), null=True, blank=True)

    class Meta:
        verbose_name = _("peer review")
        verbose_name_plural = _("peer reviews")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="peer_review_once_per_reviewer"),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.submission} · {self.reviewer}"
