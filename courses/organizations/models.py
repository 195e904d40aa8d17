"""Seat licences and invitations: an organization's right to enroll its people.

Seat accounting (decided here, relied on everywhere):

- `SeatLicence.seats_used` counts *accepted* seats only. It is taken at acceptance with a
  conditional UPDATE (`seats_used = seats_used + 1 WHERE seats_used < seats`) and the
  CheckConstraint `0 <= seats_used <= seats` is the database's last line against overselling.
- A *pending* invitation reserves a seat: inviting is refused when
  `seats_used + pending (unexpired) invitations >= seats`, checked while holding a row lock on
  the licence (select_for_update), so two admins inviting at once cannot over-reserve.
  Revoking (or expiry) frees the reservation; acceptance turns it into a used seat.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from courses.learning.models import Course

INVITATION_VALID_DAYS = 14


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class SeatLicence(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="seat_licences", verbose_name=_("organization")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="seat_licences", verbose_name=_("course"))
    seats = models.PositiveIntegerField(_("seats bought"))
    seats_used = models.PositiveIntegerField(_("seats used"), default=0)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Issue 10: a licence for one run of a cohort course. Invitations then enroll into it.
    cohort = models.ForeignKey(
        "courses.Cohort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seat_licences",
        verbose_name=_("cohort"),
        help_text=_("Optional: invitations on this licence enroll into this cohort of the course."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("seat licence")
        verbose_name_plural = _("seat licences")
        ordering = ["organization", "course"]
        constraints = [
            models.CheckConstraint(condition=Q(seats_used__lte=F("seats")), name="seat_licence_used_within_seats"),
            models.CheckConstraint(condition=Q(seats_used__gte=0), name="seat_licence_used_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.course} ({self.seats_used}/{self.seats})"

    def clean(self) -> None:
        super().clean()
        if self.cohort_id is not None and self.course_id is not None and self.cohort.course_id != self.course_id:
            raise ValidationError({"cohort": _("Choose a cohort of this licence's course.")})

    @property
    def is_valid(self) -> bool:
        return self.valid_until is None or self.valid_until >= timezone.localdate()


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("email address"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organization")
    )
    licence = models.ForeignKey(
        SeatLicence, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("licence")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=invitation_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One live invitation per address and licence.
            models.UniqueConstraint(
                fields=["licence", "email"], condition=Q(status="pending"), name="invitation_one_pending_per_email"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.status})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.PENDING and self.expires_at <= timezone.now()
        )
