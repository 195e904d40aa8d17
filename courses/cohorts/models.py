"""Cohorts: dated runs of a course, their live sessions, attendance, drip release and calendar feeds."""

from __future__ import annotations

import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Course, Enrollment, Exercise, Lesson, Module


def validate_timezone(value: str) -> None:
    """An IANA zone name that zoneinfo knows, e.g. "Europe/Amsterdam"."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a known time zone."), params={"value": value}, code="timezone"
        ) from None


validate_https_url = URLValidator(schemes=["https"], message=_("Enter an https:// link."))


def _session_uid() -> str:
    return f"{uuid.uuid4()}@lms-session"


def _feed_secret() -> str:
    return secrets.token_urlsafe(24)


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("course"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    enrollment_deadline = models.DateField(_("enrollment deadline"), help_text=_("Last day to enroll."))
    capacity = models.PositiveIntegerField(_("capacity"))
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts_taught", blank=True, verbose_name=_("trainers")
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam", validators=[validate_timezone]
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="cohort_slug_unique_in_course"),
            # The last line against overbooking: no code path can take more seats than there are.
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")), name="cohort_seats_le_capacity"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.name}"

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def seats_free(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def has_started(self) -> bool:
        """True from the start day on, in the cohort's own zone (a running cohort may still take people)."""
        return self.starts_on <= now().astimezone(self.tzinfo).date()


class CohortMembership(models.Model):
    """Which cohort an enrollment belongs to. Progress stays on the user, so moving keeps it."""

    enrollment = models.OneToOneField(Enrollment, on_delete=models.CASCADE, related_name="cohort_membership")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships")
    joined_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("cohort membership")
        verbose_name_plural = _("cohort memberships")

    def __str__(self) -> str:
        return f"{self.enrollment} ({self.cohort.name})"


class LiveSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=300, blank=True, help_text=_("Address of the room."))
    meeting_url = models.URLField(_("meeting link"), blank=True, validators=[validate_https_url])
    preparation = models.ManyToManyField(
        Lesson, blank=True, related_name="+", verbose_name=_("preparation"), help_text=_("Lessons to read first.")
    )
    # ICS identity: the UID never changes, SEQUENCE goes up on every move or cancellation.
    uid = models.CharField(max_length=100, unique=True, default=_session_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(location="", meeting_url=""), name="session_has_location_or_link"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Attendance(models.Model):
    class Status(models.TextChoices):
        # Unmarked until the trainer says otherwise; only "present" counts toward attendance.
        UNMARKED = "unmarked", _("Not marked")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(LiveSession, on_delete=models.PROTECT, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UNMARKED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="attendance_one_per_session_and_user")]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.user} {self.status} at {self.session}"


class ModuleRelease(models.Model):
    """When a module opens. No row means the module is always open."""

    class Mode(models.TextChoices):
        ALWAYS = "always", _("Always open")
        ON_DATE = "on_date", _("On a fixed date")
        DAYS_AFTER_COHORT_START = "days_after_cohort_start", _("Days after the cohort starts")
        DAYS_AFTER_ENROLLMENT = "days_after_enrollment", _("Days after the participant enrolls")

    module = models.OneToOneField(Module, on_delete=models.CASCADE, related_name="release")
    mode = models.CharField(_("release"), max_length=24, choices=Mode.choices, default=Mode.ALWAYS)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    release_days = models.PositiveIntegerField(_("days"), null=True, blank=True)

    class Meta:
        verbose_name = _("module release")
        verbose_name_plural = _("module releases")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mode="on_date", release_date__isnull=True), name="module_release_date_set"
            ),
            models.CheckConstraint(
                condition=~models.Q(
                    mode__in=["days_after_cohort_start", "days_after_enrollment"], release_days__isnull=True
                ),
                name="module_release_days_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module}: {self.get_mode_display()}"


class ModuleEarlyAccess(models.Model):
    """A trainer opened a locked module early for one participant."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="early_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("early module access")
        verbose_name_plural = _("early module access")
        constraints = [models.UniqueConstraint(fields=["module", "user"], name="module_early_access_once")]

    def __str__(self) -> str:
        return f"{self.module} open for {self.user}"


class CalendarFeed(models.Model):
    """A participant's private calendar feed. Revoking rotates the secret, so old URLs stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    secret = models.CharField(max_length=64, default=_feed_secret, editable=False)
    rotated_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class Triad(models.Model):
    """A practice group of (usually) three participants of one cohort. Seats 0, 1, 2, … fix the
    rotation: in round n the member in seat s has role (s - n + 1) mod size (coach, coachee, observer)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="triads", verbose_name=_("cohort"))
    number = models.PositiveSmallIntegerField(_("group number"))
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("practice group")
        verbose_name_plural = _("practice groups")
        ordering = ["number", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "number"], name="triad_number_unique_in_cohort")]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.number}"


class TriadMember(models.Model):
    triad = models.ForeignKey(Triad, on_delete=models.CASCADE, related_name="members")
    # The cohort again, so that the database refuses one participant in two groups of a cohort.
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triad_seats")
    seat = models.PositiveSmallIntegerField(_("seat"))

    class Meta:
        verbose_name = _("practice group member")
        verbose_name_plural = _("practice group members")
        ordering = ["seat", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="triad_member_one_group_per_cohort"),
            models.UniqueConstraint(fields=["triad", "seat"], name="triad_member_seat_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.triad} · {self.user}"


class PracticeRound(models.Model):
    """A scheduled practice round of a cohort: every group meets, with roles rotated by `number`."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="practice_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online = models.BooleanField(_("online"), default=False, help_text=_("The coach may upload the recording."))
    # The practice conversation whose scenario the coach gets and whose role card the coachee gets.
    exercise = models.ForeignKey(
        Exercise, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("exercise")
    )
    uid = models.CharField(max_length=100, unique=True, default=_session_uid, editable=False)
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("practice round")
        verbose_name_plural = _("practice rounds")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="practice_round_number_unique"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="practice_round_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.number}"


class Observation(models.Model):
    """The observer's form of one group in one round."""

    class Solver(models.TextChoices):
        COACHEE = "coachee", _("The coachee")
        COACH = "coach", _("The coach")
        TOGETHER = "together", _("Together")
        NOBODY = "nobody", _("No solution yet")

    practice_round = models.ForeignKey(PracticeRound, on_delete=models.CASCADE, related_name="observations")
    triad = models.ForeignKey(Triad, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    miracle_question = models.BooleanField(_("the coach asked the miracle question"))
    open_questions = models.PositiveSmallIntegerField(_("open questions"))
    closed_questions = models.PositiveSmallIntegerField(_("closed questions"))
    solution_by = models.CharField(_("who found the solution"), max_length=10, choices=Solver.choices)
    coach_talk_percent = models.PositiveSmallIntegerField(_("coach's share of talking time (percent)"))
    keep = models.TextField(_("one thing to keep"))
    try_next = models.TextField(_("one thing to try"))
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["practice_round", "triad"], name="observation_one_per_group_and_round"),
            models.CheckConstraint(condition=models.Q(coach_talk_percent__lte=100), name="observation_talk_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.practice_round} · {self.triad}"
