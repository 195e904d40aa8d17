"""Reminder kinds of the storefront: a new organization request, mailed to staff.

Rows are addressed by staff email (object_key "orgrequest:<id>", period "once"), stored by
`org_request_create` and sent after commit. Registered by CoursesConfig.ready() from `KINDS`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.reminders.base import ReminderKind, object_ids
from courses.storefront.models import OrganizationRequest
from lms.links import site_url


class OrgRequestKind(ReminderKind):
    """Essential: staff must hear of every request (there is no account to unsubscribe)."""

    key = "org_request"
    label = _("Requests from organizations (staff)")
    essential = True
    template = "storefront_org_request"

    def contexts(self, *, reminders: list[Any]) -> dict[int, dict[str, Any]]:
        """One query for the batch's requests, with their course and cohort; one for the staff
        members' saved languages (each is mailed in their own)."""
        ids = object_ids(reminders, "orgrequest")
        requests = OrganizationRequest.objects.select_related("course", "cohort").in_bulk(set(ids.values()))
        emails = {r.email for r in reminders}
        languages = dict(User.objects.filter(email__in=emails).values_list("email", "language")) if emails else {}
        out: dict[int, dict[str, Any]] = {}
        for r in reminders:
            request = requests.get(ids.get(r.id))
            if request is None:
                continue
            admin_path = reverse("admin:courses_organizationrequest_change", args=[request.pk])
            out[r.id] = {
                "org_request": request,
                "admin_url": site_url(admin_path),
                "language": languages.get(r.email, settings.LANGUAGE_CODE),
            }
        return out


KINDS = [OrgRequestKind]
