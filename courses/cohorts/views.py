"""Pages for cohorts: the participant's schedule and calendar, choosing a cohort, and the
trainer's cohort, session, attendance and release pages. Views parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.cohorts import selectors as sel
from courses.cohorts import services as svc
from courses.cohorts.calendar import sessions_calendar
from courses.cohorts.forms import (
    AttendanceForm,
    CohortForm,
    CohortMoveForm,
    CohortPickForm,
    EarlyAccessForm,
    ModuleReleaseForm,
    SessionForm,
)
from courses.cohorts.models import ModuleRelease
from courses.cohorts.selectors import triads as triad_selectors
from courses.cohorts.triads import ROLE_LABELS
from courses.learning.models import Course, Module
from courses.learning.selectors import course_for_trainer_or_404, enrollment_for, user_teaches
from lms.forms import NextForm
from lms.links import absolute_url
from lms.params import page_number


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- participants -------------------------------------------------------------------------------


@login_required
def cohort_schedule(request, slug):
    """The participant's cohort: its sessions with .ics links, the private feed, and module release."""
    course = get_object_or_404(Course, slug=slug)
    membership = sel.membership_for(user=request.user, course=course)
    if membership is None:
        if user_teaches(user=request.user, course=course):
            return redirect("courses:cohort_list", slug=course.slug)
        if course.delivery != Course.Delivery.SELF_PACED and enrollment_for(user=request.user, course=course):
            # Enrolled self-paced in a course that also runs cohorts: offer to join one.
            return redirect("courses:cohort_pick", slug=course.slug)
        raise Http404
    cohort = membership.cohort
    sessions = sel.cohort_sessions(cohort=cohort)
    attendance = sel.attendance_for_user(user=request.user, sessions=sessions)
    for session in sessions:
        session.my_attendance = attendance.get(session.pk)
    feed = svc.calendar_feed_get_or_create(user=request.user)
    feed_url = absolute_url("courses:calendar_feed", token=sel.calendar_feed_token(feed=feed))
    return render(
        request,
        "courses/cohorts/cohort_schedule.html",
        {
            "course": course,
            "cohort": cohort,
            "sessions": sessions,
            "feed_url": feed_url,
            "modules": sel.course_modules_with_release(user=request.user, course=course),
            "practice_rounds": [
                (r, ROLE_LABELS[role])
                for r, role in triad_selectors.rounds_for_user(user=request.user)
                if r.cohort_id == cohort.pk
            ],
        },
    )


@login_required
def cohort_pick(request, slug):
    """Choose a cohort with free places (GET) and enroll into it (POST)."""
    course = get_object_or_404(Course, slug=slug, status=Course.Status.PUBLISHED)
    if course.delivery == Course.Delivery.SELF_PACED:
        raise Http404
    if sel.membership_for(user=request.user, course=course) is not None:
        return redirect("courses:cohort_schedule", slug=course.slug)
    cohorts = list(sel.cohorts_open_for_enrollment(course=course))
    error = None
    form = CohortPickForm(
        request.POST if request.method == "POST" else None, cohorts=sel.cohorts_for_course(course=course)
    )
    if form.is_bound:
        if not form.is_valid():
            error = " ".join(form.errors["cohort"])
        else:
            try:
                membership = svc.cohort_enroll(user=request.user, course=course, cohort=form.cleaned_data["cohort"])
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("You are enrolled in %(cohort)s.") % {"cohort": membership.cohort.name})
                return redirect("courses:cohort_schedule", slug=course.slug)
    return render(
        request,
        "courses/cohorts/cohort_pick.html",
        {"course": course, "cohorts": cohorts, "error": error},
        status=400 if error else 200,
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def session_ics(request, pk):
    """One session as an .ics file, for its participants and trainers."""
    session = sel.session_for_viewer_or_404(user=request.user, pk=pk)
    return _ics_response(sessions_calendar([session], method="PUBLISH"), f"session-{session.pk}.ics")


def calendar_feed(request, token):
    """A participant's private feed: signed token, refused once revoked or tampered with."""
    user = sel.calendar_feed_user_or_404(token=token)
    # A calendar app fetches the feed without the person's cookies: their profile's language.
    with translation.override(user.language):
        rounds = [(r, str(ROLE_LABELS[role])) for r, role in triad_selectors.rounds_for_user(user=user)]
        body = sessions_calendar(
            sel.sessions_for_user(user=user), method="PUBLISH", name=_("My live sessions"), rounds=rounds
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def calendar_feed_revoke(request):
    svc.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar link was replaced. The old link no longer works."))
    form = NextForm(request.POST)
    target = form.cleaned_data["next"] if form.is_valid() else ""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("courses:catalog")
    return HttpResponseRedirect(target)  # a URL, never a view name to reverse


# --- trainers: cohorts ----------------------------------------------------------------------------


@login_required
def cohort_list(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    page = Paginator(sel.cohorts_for_course(course=course), 25).get_page(page_number(request))
    return render(request, "courses/cohorts/cohort_list.html", {"course": course, "page": page})


@login_required
def cohort_create(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    form = CohortForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = svc.cohort_save(cohort=form.instance, trainers=form.cleaned_data["trainers"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Cohort created."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(request, "courses/cohorts/cohort_form.html", {"course": course, "form": form, "cohort": None})


@login_required
def cohort_edit(request, pk):
    cohort = sel.cohort_for_trainer_or_404(user=request.user, pk=pk)
    form = CohortForm(request.POST or None, instance=cohort, course=cohort.course)
    if request.method == "POST" and form.is_valid():
        try:
            svc.cohort_save(cohort=form.instance, trainers=form.cleaned_data["trainers"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Cohort saved."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(
        request, "courses/cohorts/cohort_form.html", {"course": cohort.course, "form": form, "cohort": cohort}
    )


@login_required
def cohort_detail(request, pk):
    """A cohort for its trainers: sessions and participants (paginated)."""
    cohort = sel.cohort_for_trainer_or_404(user=request.user, pk=pk)
    page = Paginator(sel.cohort_participants(cohort=cohort), 50).get_page(page_number(request))
    return render(
        request,
        "courses/cohorts/cohort_detail.html",
        {"course": cohort.course, "cohort": cohort, "sessions": sel.cohort_sessions(cohort=cohort), "page": page},
    )


@login_required
def cohort_member_move(request, pk, enrollment_pk):
    cohort = sel.cohort_for_trainer_or_404(user=request.user, pk=pk)
    membership = sel.membership_in_cohort_or_404(cohort=cohort, enrollment_pk=enrollment_pk)
    form = CohortMoveForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            svc.cohort_move(enrollment=membership.enrollment, to_cohort=form.cleaned_data["to_cohort"], by=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Participant moved. Their progress is kept."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "courses/cohorts/cohort_member_move.html",
        {"course": cohort.course, "cohort": cohort, "membership": membership, "form": form},
    )


@login_required
def module_early_access(request, pk, enrollment_pk):
    cohort = sel.cohort_for_trainer_or_404(user=request.user, pk=pk)
    membership = sel.membership_in_cohort_or_404(cohort=cohort, enrollment_pk=enrollment_pk)
    participant = membership.enrollment.user
    form = EarlyAccessForm(request.POST or None, course=cohort.course)
    if request.method == "POST" and form.is_valid():
        try:
            svc.module_early_access_grant(module=form.cleaned_data["module"], user=participant, by=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("The module is open for %(name)s.") % {"name": participant.full_name or participant.email}
            )
            return redirect("courses:cohort_detail", pk=cohort.pk)
    modules = sel.course_modules_with_release(user=participant, course=cohort.course)
    return render(
        request,
        "courses/cohorts/cohort_early_access.html",
        {"course": cohort.course, "cohort": cohort, "participant": participant, "form": form, "modules": modules},
    )


# --- trainers: sessions and attendance ------------------------------------------------------------


@login_required
def session_create(request, pk):
    cohort = sel.cohort_for_trainer_or_404(user=request.user, pk=pk)
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            svc.session_save(session=form.instance, preparation=form.cleaned_data["preparation"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Session added."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "courses/cohorts/session_form.html",
        {"course": cohort.course, "cohort": cohort, "form": form, "session": None},
    )


@login_required
def session_edit(request, pk):
    """Edit or move a session. Moving emails participants the updated invitation."""
    session = sel.session_for_trainer_or_404(user=request.user, pk=pk)
    cohort = session.cohort
    if session.is_cancelled:
        messages.error(request, _("A cancelled session cannot be changed."))
        return redirect("courses:cohort_detail", pk=cohort.pk)
    form = SessionForm(request.POST or None, instance=session, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            _s, moved = svc.session_save(session=form.instance, preparation=form.cleaned_data["preparation"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            if moved:
                messages.success(request, _("Session moved. Participants get an updated invitation by email."))
            else:
                messages.success(request, _("Session saved."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "courses/cohorts/session_form.html",
        {"course": cohort.course, "cohort": cohort, "form": form, "session": session},
    )


@login_required
def session_cancel(request, pk):
    session = sel.session_for_trainer_or_404(user=request.user, pk=pk)
    if request.method == "POST":
        svc.session_cancel(session=session)
        messages.success(request, _("Session cancelled. Participants are told by email."))
        return redirect("courses:cohort_detail", pk=session.cohort_id)
    return render(
        request,
        "courses/cohorts/session_cancel.html",
        {"course": session.cohort.course, "cohort": session.cohort, "session": session},
    )


@login_required
def attendance_sheet(request, pk):
    """Every participant of the session's cohort on one form: not marked (at first) / present / excused / absent."""
    session = sel.session_for_trainer_or_404(user=request.user, pk=pk)
    memberships = sel.cohort_participants(cohort=session.cohort)
    recorded = sel.attendance_for_session(session=session)
    form = AttendanceForm(request.POST or None, memberships=memberships, recorded=recorded)
    if request.method == "POST" and form.is_valid():
        try:
            n = svc.attendance_record(session=session, statuses=form.statuses(), by=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Attendance saved: %(n)d participants marked.") % {"n": n})
            return redirect("courses:attendance_sheet", pk=session.pk)
    return render(
        request,
        "courses/cohorts/attendance_sheet.html",
        {"course": session.cohort.course, "cohort": session.cohort, "session": session, "form": form},
    )


# --- trainers: drip release -----------------------------------------------------------------------


@login_required
def module_release_list(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    return render(
        request,
        "courses/cohorts/cohort_module_release_list.html",
        {"course": course, "modules": sel.module_releases_for_course(course=course)},
    )


@login_required
def module_release_edit(request, pk):
    module = get_object_or_404(Module.objects.select_related("course"), pk=pk)
    course = course_for_trainer_or_404(user=request.user, slug=module.course.slug)
    release = ModuleRelease.objects.filter(module=module).first()
    initial = (
        {"mode": release.mode, "release_date": release.release_date, "release_days": release.release_days}
        if release
        else {"mode": ModuleRelease.Mode.ALWAYS}
    )
    form = ModuleReleaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.module_release_save(module=module, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Release saved."))
            return redirect("courses:module_release_list", slug=course.slug)
    return render(
        request, "courses/cohorts/cohort_module_release_form.html", {"course": course, "module": module, "form": form}
    )
