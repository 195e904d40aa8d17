"""Reads about people."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from accounts.models import Membership, Organization, User


def organizations_administered_by(*, user: User) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)


def membership_for(*, user: User, organization: Organization) -> Membership | None:
    return Membership.objects.filter(user=user, organization=organization).first()


MENU_FLAG_TIMEOUT = 600  # seconds; membership writes forget the flag at once, this only bounds a race
_MENU_FLAG_KEY = "menu-org-admin:v1:{user_id}"


def menu_flag_key(user_id: int) -> str:
    return _MENU_FLAG_KEY.format(user_id=user_id)


def user_administers_an_organization(*, user: User) -> bool:
    """Whether the main menu shows "My organization": staff, or an admin of at least one organization.

    Every page draws the menu, so the flag is cached per user (no query when warm). Every write
    that can change it (`services.membership_ensure`, the admin) calls `services.menu_flags_forget`.
    Measured for issue 18: annotating it on the user as an EXISTS subquery cost every logged-in
    page about 1 ms of CPU, most of it Django compiling the subquery. The organization pages
    check access themselves on every request; this flag only decides whether the link is shown.
    """
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    key = menu_flag_key(user.pk)
    flag = cache.get(key)
    if flag is None:
        flag = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
        cache.set(key, flag, timeout=MENU_FLAG_TIMEOUT)
    return flag
