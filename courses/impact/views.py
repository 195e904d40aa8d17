"""Impact pages: the report per course, cohort and seat licence (page, CSV, PDF), the business-figure
upload, and the participant's end-of-course reaction survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.impact import services, services_pulse
from courses.impact.forms import KpiUploadForm, ReactionSurveyForm, ReportActionForm
from courses.impact.pdf import report_pdf_render
from courses.impact.selectors import access
from courses.impact.selectors.page import impact_report, report_csv_rows
from courses.impact.selectors.pulse import pulse_is_on
from courses.impact.selectors.report import reaction_survey_for
from courses.impact.services import KPI_COLUMNS
from courses.learning.selectors import course_for_learner_or_404
from lms.csv_export import csv_text

# --- The report ----------------------------------------------------------------------------------------


def _scope(request, kind: str, kwargs: dict) -> access.Scope:
    if kind == "course":
        return access.course_scope_or_404(user=request.user, slug=kwargs["slug"])
    if kind == "cohort":
        return access.cohort_scope_or_404(user=request.user, pk=kwargs["pk"])
    return access.licence_scope_or_404(user=request.user, org_slug=kwargs["org_slug"], pk=kwargs["pk"])


def _pulse_target(scope: access.Scope) -> dict:
    """What the pulse switch on this page switches: the organization (licence page) or the cohort."""
    if scope.kind == "licence":
        return {"organization": scope.organization}
    if scope.kind == "cohort":
        return {"cohort": scope.cohort}
    return {}


def _act(request, scope: access.Scope) -> HttpResponse | None:
    form = ReportActionForm(request.POST, course=scope.course)
    if not form.is_valid():
        return None
    action = form.cleaned_data["action"]
    if action == "prepost" and scope.kind == "course":
        services.prepost_test_set(course=scope.course, quiz=form.cleaned_data["quiz"])
        messages.success(request, _("Saved."))
    elif action == "pulse" and (target := _pulse_target(scope)):
        on = bool(form.cleaned_data["pulse"])
        services_pulse.pulse_switch(on=on, by=request.user, **target)
        messages.success(request, _("The team coaching pulse is on.") if on else _("The team coaching pulse is off."))
    else:
        return None
    return redirect(request.path)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind: str, output: str = "html", **kwargs):
    """One report: the page (with its small forms), its CSV, or its PDF. The scope checks access."""
    scope = _scope(request, kind, kwargs)
    if request.method == "POST":
        if output != "html":
            raise Http404
        done = _act(request, scope)
        if done is not None:
            return done
        messages.error(request, _("That did not work: reload the page and try again."))
        return redirect(request.path)
    data = impact_report(scope=scope)
    stamp = timezone.localdate().isoformat()
    if output == "csv":
        header = [_("Level"), _("Measure"), _("Group"), _("Value"), _("People")]
        response = HttpResponse(csv_text(header, report_csv_rows(data)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="impact-{scope.key}-{stamp}.csv"'
        return response
    if output == "pdf":
        response = HttpResponse(report_pdf_render(report=data, request=request), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="impact-{scope.key}-{stamp}.pdf"'
        return response
    target = _pulse_target(scope)
    context = {
        "report": data,
        "scope": scope,
        "action_form": ReportActionForm(course=scope.course, initial={"quiz": data.learning.quiz_id}),
        "pulse_switchable": bool(target),
        "pulse_on": bool(target) and pulse_is_on(**target),
        "cohorts": access.course_cohorts(course=scope.course) if scope.kind == "course" else [],
    }
    return render(request, "courses/impact/report.html", context)


# --- Business figures ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def kpi_upload(request, org_slug: str):
    organization = access.organization_for_kpi_or_404(user=request.user, org_slug=org_slug)
    form = KpiUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.kpi_upload(organization=organization, content=form.cleaned_data["file"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("Stored %(rows)d figures for %(people)d people.") % {"rows": result.rows, "people": result.people},
            )
            return redirect("courses:impact_kpi_upload", org_slug=organization.slug)
    licences = organization.seat_licences.select_related("course").order_by("-created_at")
    context = {"organization": organization, "form": form, "columns": ",".join(KPI_COLUMNS), "licences": licences}
    return render(request, "courses/impact/kpi_upload.html", context)


# --- The participant's reaction ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def reaction_survey(request, slug: str):
    course = course_for_learner_or_404(user=request.user, slug=slug)
    if not access.is_enrolled(user=request.user, course=course):
        raise Http404
    existing = reaction_survey_for(user=request.user, course=course)
    initial = (
        {k: getattr(existing, k) for k in ("relevance", "confidence", "recommend", "open_answer")} if existing else {}
    )
    form = ReactionSurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reaction_survey_submit(user=request.user, course=course, **form.cleaned_data)
        messages.success(request, _("Thank you for your answers."))
        return redirect("courses:reaction_survey", slug=course.slug)
    return render(request, "courses/impact/reaction_survey.html", {"course": course, "form": form, "done": existing})
