"""Certificates: one per completed enrollment, publicly verifiable by code."""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Enrollment

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def certificate_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _pdf_path(instance: Certificate, filename: str) -> str:
    return f"certificates/{secrets.token_hex(16)}.pdf"


class Certificate(models.Model):
    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    enrollment = models.OneToOneField(Enrollment, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(_("code"), max_length=14, unique=True, default=certificate_code_new, editable=False)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("revoke reason"), blank=True, default="")
    pdf = models.FileField(_("PDF"), upload_to=_pdf_path, blank=True)
    # Snapshot: what the certificate said when issued, even if names change later.
    participant_name = models.CharField(_("participant name"), max_length=150)
    course_title = models.CharField(_("course title"), max_length=200)
    trainer_name = models.CharField(_("trainer name"), max_length=300, blank=True)
    completed_on = models.DateField(_("completed on"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="certificate_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.participant_name} — {self.course_title}"

    def get_absolute_url(self) -> str:
        return reverse("courses:certificate_verify", kwargs={"code": self.code})

    def state_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def state(self) -> str:
        return self.state_at()
