"""Reads about people."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Membership, Organization, User


def organizations_administered_by(*, user: User) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


def membership_for(*, user: User, organization: Organization) -> Membership | None:
    return Membership.objects.filter(user=user, organization=organization).first()


def user_administers_an_organization(*, user: User) -> bool:
    """Whether the main menu shows "My organization": staff, or an admin of at least one organization."""
    if not user.is_authenticated:
        return False
    return user.is_staff or Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
