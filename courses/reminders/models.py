"""Reminder rows (one per email that should exist) and per-kind email preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One email, keyed by (user or email, kind, object_key, period). See courses.reminders.engine."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed)")

    # The addressee: a user, or (invitations, buddies: people who may have no account yet) an address.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders", null=True, blank=True
    )
    email = models.EmailField(_("email"), max_length=254, blank=True, default="")
    kind = models.CharField(_("kind"), max_length=40)
    object_key = models.CharField(_("object"), max_length=80)
    period = models.CharField(_("period"), max_length=40)
    data = models.JSONField(_("data"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claim_token = models.CharField(max_length=32, blank=True, default="")
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True, default="")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_key", "period"],
                condition=Q(user__isnull=False),
                name="reminder_one_per_key",
            ),
            models.UniqueConstraint(
                fields=["email", "kind", "object_key", "period"],
                condition=Q(user__isnull=True),
                name="reminder_one_per_address_key",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, email="") | Q(user__isnull=True) & ~Q(email=""),
                name="reminder_user_or_email",
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"]), models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_key} {self.period} -> {self.user_id or self.email} ({self.status})"

    @property
    def recipient(self) -> str:
        return self.user.email if self.user_id else self.email


class EmailPreference(models.Model):
    """A user's choice for one non-essential reminder kind. No row means enabled."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences")
    kind = models.CharField(_("kind"), max_length=40)
    enabled = models.BooleanField(_("enabled"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_preference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'on' if self.enabled else 'off'}"
