"""Organization admin pages and the invitation acceptance pages.

Every org view starts with `organization_for_admin_or_404`, before looking at the method or
any other argument, so another organization's admin always gets 404 and a plain member 403.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.organizations import selectors as sel
from courses.organizations import services as svc
from courses.organizations.forms import CsvUploadForm, DashboardForm, InvitationSignupForm, InviteForm
from lms.csv_export import csv_lines
from lms.params import page_number, query_params

PAGE_SIZE = 50
PREVIEW_PAGE_SIZE = 200
IMPORTS_KEPT = 3
SESSION_IMPORTS = "org_imports"
SESSION_INVITATION = "invitation_token"


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@login_required
def org_list(request):
    """The organizations the user administers (staff: all)."""
    organizations = list(sel.organizations_administered(user=request.user))
    return render(request, "courses/organizations/org_list.html", {"organizations": organizations})


@login_required
def org_overview(request, org_slug: str):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    licences = sel.org_licences(organization=organization)
    page = Paginator(sel.org_pending_invitations(organization=organization), PAGE_SIZE).get_page(page_number(request))
    return render(
        request,
        "courses/organizations/org_overview.html",
        {
            "organization": organization,
            "licences": licences,
            "invitations": page,
            "invite_form": InviteForm(licences=licences),
            "now": timezone.now(),
        },
    )


@login_required
def org_invite(request, org_slug: str):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    if refused := _post_only(request):
        return refused
    licences = sel.org_licences(organization=organization)
    form = InviteForm(request.POST, licences=licences)
    if form.is_valid():
        try:
            invitation = svc.invitation_create(
                organization=organization,
                licence_id=form.cleaned_data["licence"],
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                invited_by=request.user,
            )
        except svc.InvitationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("courses:org_overview", org_slug=organization.slug)
    page = Paginator(sel.org_pending_invitations(organization=organization), PAGE_SIZE).get_page(1)
    return render(
        request,
        "courses/organizations/org_overview.html",
        {"organization": organization, "licences": licences, "invitations": page, "invite_form": form},
        status=400,
    )


@login_required
def org_import(request, org_slug: str):
    """Upload a CSV; the parsed preview is kept in the session until the admin confirms."""
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    licences = sel.org_licences(organization=organization)
    form = CsvUploadForm(request.POST or None, request.FILES or None, licences=licences)
    if request.method == "POST" and form.is_valid():
        licence = sel.licence_for_org_or_404(organization=organization, licence_id=form.cleaned_data["licence"])
        try:
            rows = svc.csv_import_parse(
                organization=organization, licence=licence, data=form.cleaned_data["file"].read()
            )
        except svc.CsvImportError as exc:
            form.add_error("file", str(exc))
        else:
            import_id = secrets.token_urlsafe(9)
            imports = request.session.get(SESSION_IMPORTS, {})
            for old in list(imports)[: max(len(imports) - IMPORTS_KEPT + 1, 0)]:
                imports.pop(old)
            imports[import_id] = {
                "org": organization.pk,
                "licence": licence.pk,
                "filename": form.cleaned_data["file"].name[:120],
                "rows": svc.import_rows_to_session(rows),
            }
            request.session[SESSION_IMPORTS] = imports
            return redirect("courses:org_import_preview", org_slug=organization.slug, import_id=import_id)
    return render(
        request,
        "courses/organizations/org_import.html",
        {"organization": organization, "licences": licences, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _import_or_404(request, organization, import_id: str) -> dict:
    data = request.session.get(SESSION_IMPORTS, {}).get(import_id)
    if data is None or data["org"] != organization.pk:
        raise Http404
    return data


@login_required
def org_import_preview(request, org_slug: str, import_id: str):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    data = _import_or_404(request, organization, import_id)
    licence = sel.licence_for_org_or_404(organization=organization, licence_id=data["licence"])
    rows = data["rows"]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["outcome"]] = counts.get(row["outcome"], 0) + 1
    problems_first = sorted(rows, key=lambda r: (r["outcome"] == svc.Outcome.NEW, r["line"]))
    page = Paginator(problems_first, PREVIEW_PAGE_SIZE).get_page(page_number(request))
    return render(
        request,
        "courses/organizations/org_import_preview.html",
        {
            "organization": organization,
            "licence": licence,
            "import_id": import_id,
            "filename": data["filename"],
            "rows": page,
            "total": len(rows),
            "new_count": counts.get(svc.Outcome.NEW, 0),
            "counts": counts,
        },
    )


@login_required
def org_import_confirm(request, org_slug: str, import_id: str):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    data = _import_or_404(request, organization, import_id)
    if refused := _post_only(request):
        return refused
    try:
        invitations = svc.csv_import_confirm(
            organization=organization, licence_id=data["licence"], rows=data["rows"], invited_by=request.user
        )
    except svc.InvitationError as exc:
        messages.error(request, exc.message)
        return redirect("courses:org_import_preview", org_slug=organization.slug, import_id=import_id)
    imports = request.session.get(SESSION_IMPORTS, {})
    imports.pop(import_id, None)
    request.session[SESSION_IMPORTS] = imports
    messages.success(
        request, _("%(count)s invitation(s) created; the emails are on their way.") % {"count": len(invitations)}
    )
    return redirect("courses:org_overview", org_slug=organization.slug)


@login_required
def org_invitation_revoke(request, org_slug: str, pk: int):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    invitation = sel.invitation_for_org_or_404(organization=organization, pk=pk)
    if refused := _post_only(request):
        return refused
    try:
        svc.invitation_revoke(invitation=invitation)
    except svc.InvitationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
    return redirect("courses:org_overview", org_slug=organization.slug)


@login_required
def org_invitation_resend(request, org_slug: str, pk: int):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    invitation = sel.invitation_for_org_or_404(organization=organization, pk=pk)
    if refused := _post_only(request):
        return refused
    try:
        svc.invitation_resend(invitation=invitation)
    except svc.InvitationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation to %(email)s was sent again.") % {"email": invitation.email})
    return redirect("courses:org_overview", org_slug=organization.slug)


@login_required
def org_dashboard(request, org_slug: str):
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    params = query_params(DashboardForm, request)
    sort, status = params["sort"], params["status"]
    dashboard = sel.org_dashboard_read(
        organization=organization, sort=sort, status=status, number=params["page"] or 1, per_page=PAGE_SIZE
    )
    return render(
        request,
        "courses/organizations/org_dashboard.html",
        {
            "organization": organization,
            "rows": dashboard.rows,
            "sort": sort,
            "status": status,
            "query": urlencode({"status": status, "sort": sort} if status else {"sort": sort}),
            "filters": [
                ("", _("All")),
                ("not_started", _("Not started")),
                ("in_progress", _("In progress")),
                ("completed", _("Completed")),
                ("inactive", _("Inactive > 14 days")),
            ],
            "summary": dashboard.summary,
            "chart": dashboard.chart,
        },
    )


@login_required
def org_export(request, org_slug: str):
    """The dashboard's rows as CSV, streamed: rows are read in chunks, never all in memory."""
    organization = sel.organization_for_admin_or_404(user=request.user, slug=org_slug)
    params = query_params(DashboardForm, request)
    rows = sel.org_export_rows(organization=organization, sort=params["sort"], status=params["status"])
    lines = csv_lines(sel.org_export_header(), rows, language=request.LANGUAGE_CODE)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{organization.slug}-progress-{stamp}.csv"'
    return response


# ---------------------------------------------------------------- accepting


def _after_accept_url(course) -> str:
    for name, kwargs in (("courses:course_detail", {"slug": course.slug}), ("courses:dashboard", {})):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return reverse("courses:catalog")


def _welcome(request, enrollment, invitation):
    """The invitation is accepted: greet the participant in their course."""
    request.session.pop(SESSION_INVITATION, None)
    messages.success(
        request,
        _("Welcome to %(course)s, with %(org)s.")
        % {"course": enrollment.course.title, "org": invitation.organization.name},
    )
    return redirect(_after_accept_url(enrollment.course))


def invitation_accept(request, token: str):
    """The emailed link. Anonymous: sign up or log in. Logged in with the invited address: Accept."""
    invitation = sel.invitation_by_token(token=token)
    refusal = svc.invitation_refusal(invitation=invitation, user=request.user)
    if refusal is not None:
        status = {"unknown": 404, "wrong_email": 403}.get(refusal.code, 410)
        return render(
            request,
            "courses/organizations/invitation_refused.html",
            {"refusal": refusal, "invitation": invitation},
            status=status,
        )
    if not request.user.is_authenticated:
        request.session[SESSION_INVITATION] = token
        has_account = sel.user_exists_with_email(email=invitation.email)
        return render(
            request,
            "courses/organizations/invitation_accept.html",
            {"invitation": invitation, "has_account": has_account, "next": request.path},
        )
    if request.method == "POST":
        try:
            enrollment = svc.invitation_accept(token=token, user=request.user)
        except svc.InvitationError as exc:
            return render(
                request,
                "courses/organizations/invitation_refused.html",
                {"refusal": exc, "invitation": invitation},
                status=409,
            )
        return _welcome(request, enrollment, invitation)
    return render(request, "courses/organizations/invitation_accept.html", {"invitation": invitation})


def invitation_signup(request, token: str):
    """Create an account for the invited address (locked), verified by the link, then log in."""
    invitation = sel.invitation_by_token(token=token)
    refusal = svc.invitation_refusal(invitation=invitation)
    if refusal is not None:
        status = 404 if refusal.code == "unknown" else 410
        return render(
            request,
            "courses/organizations/invitation_refused.html",
            {"refusal": refusal, "invitation": invitation},
            status=status,
        )
    if request.user.is_authenticated:
        return redirect("courses:invitation_accept", token=token)
    initial = {"email": invitation.email, "full_name": invitation.full_name}
    form = InvitationSignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            signup = svc.invitation_signup(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=request.LANGUAGE_CODE,
            )
        except svc.InvitationError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, signup.user, backend="accounts.backends.ModelBackend")
            if signup.enrollment is not None:
                return _welcome(request, signup.enrollment, invitation)
            messages.success(request, _("Your account is ready."))
            return render(
                request,
                "courses/organizations/invitation_refused.html",
                {"refusal": signup.refusal, "invitation": invitation},
                status=409,
            )
    return render(
        request,
        "courses/organizations/invitation_signup.html",
        {
            "invitation": invitation,
            "form": form,
            "login_url": reverse("account_login")
            + f"?next={reverse('courses:invitation_accept', kwargs={'token': token})}",
        },
        status=400 if request.method == "POST" else 200,
    )
