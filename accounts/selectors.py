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
