"""Content: courses, modules, lessons and their attachments."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.richtext import validate_video_url, video_embed_url


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Delivery(models.TextChoices):
        SELF_PACED = "self_paced", _("Self-paced")
        COHORT = "cohort", _("Cohort-based")
        BOTH = "both", _("Self-paced or in a cohort")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("One learning outcome per line."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    cover_image = models.ImageField(_("cover image"), upload_to="covers/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="courses_taught", blank=True, verbose_name=_("trainers")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Cohorts (issue 10): how the course runs, and how many live sessions completion needs.
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.SELF_PACED)
    required_attendance = models.PositiveSmallIntegerField(
        _("required attendance"), default=0, help_text=_("Live sessions a participant must attend to complete.")
    )
    # Optimistic concurrency for the studio: every studio edit bumps it with a conditional UPDATE.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Reminders and certificates (courses.reminders, courses.certificates).
    nudge_days_first = models.PositiveSmallIntegerField(
        _("first inactivity nudge after (days)"), default=3, help_text=_("0 turns this nudge off.")
    )
    nudge_days_second = models.PositiveSmallIntegerField(
        _("second inactivity nudge after (days)"), default=10, help_text=_("0 turns this nudge off.")
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"), null=True, blank=True, help_text=_("Empty: certificates do not expire.")
    )
    certificate_template = models.TextField(
        _("certificate template (HTML)"),
        blank=True,
        help_text=_("Optional Django template HTML for this course's certificate; empty uses the site default."),
    )
    # Content in two languages (courses/learning/translations.py). PROTECT, not SET_NULL: a
    # translation whose original silently vanished would lose its module, lesson and exercise
    # links and its participants could no longer switch versions; deleting an original with
    # translations must be a deliberate step (unlink or delete the translations first).
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        editable=False,  # one writer: courses.learning.translations
        verbose_name=_("translation of"),
        help_text=_("The course this one translates: same modules, lessons and exercises, in another language."),
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course_detail", kwargs={"slug": self.slug})

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip(" -*\t") for line in self.outcomes.splitlines() if line.strip(" -*\t")]


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons", editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    video_url = models.URLField(
        _("video URL"), blank=True, validators=[validate_video_url], help_text=_("YouTube or Vimeo only.")
    )
    free_preview = models.BooleanField(
        _("free preview"), default=False, help_text=_("Anyone may read this lesson without enrolling.")
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Required lessons count towards completion.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # In a translation: the lesson it translates, and that lesson's `version` when this one was
    # last brought up to date (the studio lists lessons whose original moved on since).
    original = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translated_as", editable=False
    )
    original_version = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "slug"], name="lesson_slug_unique_in_course")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:lesson_detail", kwargs={"course_slug": self.course.slug, "lesson_slug": self.slug})

    @property
    def video_embed_url(self) -> str | None:
        return video_embed_url(self.video_url)


def _attachment_path(instance: LessonAttachment, filename: str) -> str:
    # A random name: the original name is kept in a field, never used on disk.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"attachments/{secrets.token_hex(16)}{suffix}"


class LessonAttachment(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_attachment_path)
    original_name = models.CharField(max_length=255, editable=False, blank=True)
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:attachment_download", kwargs={"pk": self.pk})


class Enrollment(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        ORGANIZATION = "organization", _("Organization")
        STAFF = "staff", _("Staff")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments")
    source = models.CharField(_("source"), max_length=14, choices=Source.choices, default=Source.SELF)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    last_lesson = models.ForeignKey(Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["-last_activity_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrollment_one_per_user_and_course"),
            models.CheckConstraint(
                condition=models.Q(status="completed", completed_at__isnull=False) | ~models.Q(status="completed"),
                name="enrollment_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["course", "status"]), models.Index(fields=["last_activity_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class LessonProgress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="progress")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", editable=False)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_progress_one_per_user_and_lesson")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.user} completed {self.lesson}"


class Exercise(models.Model):
    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        REFLECTION = "reflection", _("Reflection")
        ASSIGNMENT = "assignment", _("Practice assignment")
        PLAN = "plan", _("Commitment plan")
        PRACTICE_LOG = "practice_log", _("Coaching practice log")
        CONVERSATION = "conversation", _("Practice conversation")

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
    # In a translation: the exercise it translates (a participant's completions follow the link).
    original = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translated_as", editable=False
    )

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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exercise_completions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="completions")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", editable=False)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="exercise_completion_one_per_user_and_exercise")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.user} completed {self.exercise}"
