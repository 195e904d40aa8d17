"""Reads about people."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Membership, Organization, User


def organizations_administered_by(*, user: User) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


def membership_for(*, user: User, organization: Organization) -> Membership | None:
    return Membership.objects.filter(user=user, organization=organization).first()


def _administers_an_organization() -> Exists:
    return Exists(Membership.objects.filter(user=OuterRef("pk"), role=Membership.Role.ADMIN))


def users_with_menu_flags() -> QuerySet[User]:
    """Users with `administers_org` annotated: the authentication backends load the logged-in
    user through this, so the main menu costs no query of its own."""
    return User.objects.annotate(administers_org=_administers_an_organization())


def user_administers_an_organization(*, user: User) -> bool:
    """Whether the main menu shows "My organization": staff, or an admin of at least one organization."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    flag = getattr(user, "administers_org", None)  # annotated when loaded by accounts.backends
    if flag is None:
        flag = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    return bool(flag)
