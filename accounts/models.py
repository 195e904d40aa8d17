"""People and who they belong to. This app never imports `courses`."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


def _photo_path(instance: User, filename: str) -> str:
    # A random name: what the uploader called the file is never used on disk.
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"photos/{secrets.token_hex(16)}{suffix}"


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the login; roles: participant (default), trainer, staff."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_trainer = models.BooleanField(
        _("trainer"), default=False, help_text=_("Trainers publish content and review submissions. Granted by staff.")
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Shown on the storefront for trainers: plain text (escaped), and a photo checked by content.
    bio = models.TextField(
        _("bio"), max_length=1200, blank=True, help_text=_("A few sentences about you as a trainer.")
    )
    photo = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]

    @property
    def role(self) -> str:
        if self.is_staff:
            return "staff"
        if self.is_trainer:
            return "trainer"
        return "participant"


class Organization(models.Model):
    """A client organization that buys seats and enrolls its managers."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_one_per_user_and_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"
