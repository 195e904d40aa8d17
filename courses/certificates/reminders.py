"""Reminder kinds of certificates: "your certificate is ready" (essential) and re-certification
30 days before expiry. Registered by CoursesConfig.ready() (courses/apps.py) from `KINDS`.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from courses.certificates.models import Certificate
from courses.reminders.base import Due, ReminderKind, object_ids
from lms.links import absolute_url

# How far back a sweep looks: a sweep outage shorter than this loses nothing.
LOOKBACK = datetime.timedelta(days=7)


class CertificateIssuedKind(ReminderKind):
    """Essential: "your certificate is ready", with the download link."""

    key = "certificate_issued"
    label = _("My certificate is ready")
    essential = True
    template = "reminder_certificate_issued"

    def find_due(self, *, now):
        rows = (
            Certificate.objects.filter(issued_at__gte=now - LOOKBACK, revoked_at__isnull=True)
            .exclude(pdf="")
            .values_list("id", "enrollment__user_id")
        )
        return [Due(user_id=uid, object_key=f"certificate:{pk}", period="once") for pk, uid in rows]

    def contexts(self, *, reminders):
        return _certificate_contexts(reminders)


def _certificate_contexts(reminders):
    ids = object_ids(reminders, "certificate")
    certs = Certificate.objects.in_bulk(set(ids.values()))
    out = {}
    for rid, cid in ids.items():
        cert = certs.get(cid)
        if cert is None or cert.revoked_at is not None:
            continue
        out[rid] = {
            "certificate": cert,
            "download_url": absolute_url("courses:certificate_download", pk=cert.pk),
            "verify_url": absolute_url("courses:certificate_verify", code=cert.code),
            "dashboard_url": absolute_url("courses:dashboard"),
        }
    return out


class CertificateExpiryKind(ReminderKind):
    key = "certificate_expiry"
    label = _("A reminder 30 days before a certificate expires")
    template = "reminder_certificate_expiry"
    days_before = 30

    def find_due(self, *, now):
        rows = Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + datetime.timedelta(days=self.days_before),
        ).values_list("id", "enrollment__user_id", "expires_at", "enrollment__course__slug")
        return [
            Due(
                user_id=uid,
                object_key=f"certificate:{pk}",
                period=f"expiry:{expires.date().isoformat()}",
                data={"course_slug": slug},
            )
            for pk, uid, expires, slug in rows
        ]

    def contexts(self, *, reminders):
        out = _certificate_contexts(reminders)
        for r in reminders:
            if r.id in out:
                out[r.id]["course_url"] = absolute_url("courses:course_detail", slug=r.data.get("course_slug", ""))
        return out


KINDS = [CertificateIssuedKind, CertificateExpiryKind]
