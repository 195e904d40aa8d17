"""Reads for organization pages. Each owns its joins so a page's query count never grows.

Access, licences and invitations are here; the team's progress is in `progress` (the rows and their
progress), `dashboard` and `export`, re-exported below.

The privacy line: these selectors read only enrollment dates, lesson/exercise *completion*
counts and status. Nothing here touches reflection text, assignment content or feedback.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Organization, User
from courses.organizations.models import Invitation, SeatLicence
from courses.organizations.selectors.dashboard import (
    CourseSummary,
    OrgDashboard,
    org_course_summary,
    org_dashboard_read,
    org_summary_chart,
)
from courses.organizations.selectors.export import org_export_header, org_export_rows
from courses.organizations.selectors.progress import (
    FILTERS,
    INACTIVE_DAYS,
    SORTS,
    enrollment_percent,
    org_enrollments,
    org_scope,
)
from courses.reminders.models import Reminder

__all__ = [
    "FILTERS",
    "INACTIVE_DAYS",
    "SORTS",
    "CourseSummary",
    "OrgDashboard",
    "enrollment_percent",
    "org_course_summary",
    "org_dashboard_read",
    "org_enrollments",
    "org_export_header",
    "org_export_rows",
    "org_scope",
    "org_summary_chart",
]


def organization_for_admin_or_404(*, user: User, slug: str) -> Organization:
    """The organization `slug` if `user` administers it (staff: any).

    404 for anonymous users, non-members and other organizations' people (nothing is revealed);
    403 for members who are not admins.
    """
    if not user.is_authenticated:
        raise Http404
    role = Membership.objects.filter(user_id=user.pk, organization_id=OuterRef("pk")).values("role")[:1]
    organization = Organization.objects.filter(slug=slug).annotate(user_role=Subquery(role)).first()
    if organization is None:
        raise Http404
    if user.is_staff:
        return organization
    if organization.user_role is None:
        raise Http404
    if organization.user_role != Membership.Role.ADMIN:
        raise PermissionDenied
    return organization


def organizations_administered(*, user: User) -> QuerySet[Organization]:
    qs = (
        Organization.objects.all()
        if user.is_staff
        else Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)
    )
    return qs.annotate(member_count=Count("memberships", distinct=True)).order_by("name")


def licence_for_org_or_404(*, organization: Organization, licence_id: int) -> SeatLicence:
    licence = SeatLicence.objects.filter(pk=licence_id, organization=organization).select_related("course").first()
    if licence is None:
        raise Http404
    return licence


def invitation_for_org_or_404(*, organization: Organization, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=pk, organization=organization).select_related("organization").first()
    if invitation is None:
        raise Http404
    return invitation


def invitations_pending_for_user(user: User) -> list[Invitation]:
    """Invitations waiting for the user's address (not used, revoked, expired, nor on an expired
    licence), soonest to expire first, with organization and course: one query."""
    if not user.is_authenticated or not user.email:
        return []
    today = timezone.localdate()
    return list(
        Invitation.objects.filter(
            email__iexact=user.email, status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
        )
        .filter(Q(licence__valid_until__isnull=True) | Q(licence__valid_until__gte=today))
        .select_related("organization", "licence__course")
        .order_by("expires_at", "pk")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token=token).select_related("organization", "licence__course").first()
        if token
        else None
    )


def user_exists_with_email(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def org_licences(*, organization: Organization) -> list[SeatLicence]:
    """Licences with course and the number of live pending invitations (one query)."""
    now = timezone.now()
    licences = list(
        SeatLicence.objects.filter(organization=organization)
        .select_related("course", "cohort")
        .annotate(
            pending=Count(
                "invitations", filter=Q(invitations__status=Invitation.Status.PENDING, invitations__expires_at__gt=now)
            )
        )
        .order_by("course__title", "pk")
    )
    for lic in licences:
        lic.free = max(lic.seats - lic.seats_used - lic.pending, 0)
        lic.used_percent = round(100 * lic.seats_used / lic.seats) if lic.seats else 0
    return licences


def org_pending_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    """Pending and expired invitations; `is_sent` says the outbox sent one (no extra query)."""
    sent = Reminder.objects.filter(
        kind="invitation",
        object_key=Concat(Value("invitation:"), Cast(OuterRef("pk"), CharField())),
        status=Reminder.Status.SENT,
    )
    return (
        Invitation.objects.filter(
            organization=organization, status__in=[Invitation.Status.PENDING, Invitation.Status.EXPIRED]
        )
        .annotate(is_sent=Exists(sent))
        .select_related("licence__course")
        .order_by("-created_at", "-pk")
    )
