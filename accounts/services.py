"""Writes about people. Keyword-only, atomic, validated."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import Membership, Organization, User


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    is_trainer: bool = False,
    is_staff: bool = False,
    is_superuser: bool = False,
    verified: bool = True,
    language: str = "en",
) -> User:
    """Create a user with a primary email address (verified unless said otherwise).

    Staff (may use the admin) and superuser (holds every permission there) are separate roles.
    """
    user = User(
        email=email.lower(),
        full_name=full_name,
        is_trainer=is_trainer,
        is_staff=is_staff,
        is_superuser=is_superuser,
        language=language,
    )
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


@transaction.atomic
def user_update_profile(
    *, user: User, full_name: str, language: str, bio: str | None = None, photo: Any = None, photo_clear: bool = False
) -> User:
    """Name and language; for trainers also the bio and photo the storefront shows (a new photo
    replaces the old, `photo_clear` removes it). The photo's content was checked by the form."""
    user.full_name = full_name
    user.language = language
    fields = ["full_name", "language"]
    if bio is not None:
        user.bio = bio
        fields.append("bio")
    if photo_clear and user.photo:
        user.photo.delete(save=False)
        fields.append("photo")
    if photo is not None:
        if user.photo:
            user.photo.delete(save=False)
        user.photo = photo
        fields.append("photo")
    user.full_clean()
    user.save(update_fields=sorted(set(fields)))
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """The language of the person's pages and emails (the language switch and the profile)."""
    user.language = language
    user.full_clean(exclude=["password", "photo"])
    user.save(update_fields=["language"])
    return user


@transaction.atomic
def user_set_trainer(*, user: User, is_trainer: bool) -> User:
    """Grant or take away the trainer role (staff do this in the admin)."""
    user.is_trainer = is_trainer
    user.full_clean()
    user.save(update_fields=["is_trainer"])
    return user


@transaction.atomic
def membership_ensure(*, user: User, organization: Organization, role: str = Membership.Role.MEMBER) -> Membership:
    """Make `user` a member of `organization`; an existing membership keeps the higher role."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    if not created and role == Membership.Role.ADMIN and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
