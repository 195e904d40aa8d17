"""Storefront: what sells the master classes to visitors and to organizations.

Learning owns `Course` (content, outcomes, delivery); the storefront owns the marketing copy
around it, one-to-one (`CourseListing`), so copywriting never bumps a course's studio version
and never enters the exchange format. Quotes, FAQ entries and organizations' requests live here too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.cohorts.models import Cohort
from courses.learning.models import Course


def _lines(text: str) -> list[str]:
    return [line.strip(" -*\t") for line in text.splitlines() if line.strip(" -*\t")]


class CourseListing(models.Model):
    """The marketing copy of one course: the line under its title, who it is for, what changes."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, related_name="storefront_listing", verbose_name=_("course")
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    audience = models.TextField(_("who it is for"), blank=True, help_text=_("One kind of participant per line."))
    team_changes = models.TextField(
        _("what changes for the manager and the team"), blank=True, help_text=_("One change per line.")
    )
    position = models.PositiveSmallIntegerField(_("position on the home page"), default=0)

    class Meta:
        verbose_name = _("course listing")
        verbose_name_plural = _("course listings")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.course)

    @property
    def audience_list(self) -> list[str]:
        return _lines(self.audience)

    @property
    def change_list(self) -> list[str]:
        return _lines(self.team_changes)


def _reader_language_field() -> models.CharField:
    """The language of a general quote or question: shown to readers of the site in it."""
    return models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Shown to visitors who read the site in this language."),
    )


class Testimonial(models.Model):
    """What a participant said. `is_demo` quotes are seeded examples and say so on the page."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, null=True, blank=True, related_name="testimonials", verbose_name=_("course")
    )
    quote = models.TextField(_("quote"), max_length=600)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role and company"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo quote"), default=True, help_text=_("Shown with a “Demo quote” label."))
    language = _reader_language_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.quote[:40]}"


class FaqEntry(models.Model):
    """A question and its answer; without a course it is a general question (home page)."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, null=True, blank=True, related_name="faq_entries", verbose_name=_("course")
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), max_length=2000)
    language = _reader_language_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.question


class OrganizationRequest(models.Model):
    """An organization asks for seats: stored, shown to staff in the admin, mailed to staff."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CLOSED = "closed", _("Closed")

    organization = models.CharField(_("organization"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=150)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    managers = models.PositiveIntegerField(_("number of managers"))
    course = models.ForeignKey(
        Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("preferred course")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("preferred cohort")
    )
    message = models.TextField(_("message"), max_length=3000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("organization request")
        verbose_name_plural = _("organization requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(managers__gte=1) & models.Q(managers__lte=10000), name="orgrequest_managers_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.contact_name})"
