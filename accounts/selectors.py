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
    """Whether the main menu shows "My organization": staff, or an admin of at least one organization.

    Every page draws the menu, so the logged-in user's read (`accounts.backends`) brings the
    flag along as `administers_organization`: no query of its own. For a user read another way,
    one query. The organization pages check access themselves on every request; this flag only
    decides whether the link is shown.
    """
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    flag = getattr(user, "administers_organization", None)  # request.user is a lazy wrapper
    if flag is None:
        flag = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    return flag
