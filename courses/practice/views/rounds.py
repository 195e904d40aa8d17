"""Practice groups of three in a cohort: the trainer forms them (automatically or by hand) and
schedules rounds; each member opens a round and sees what their role gets: the coach the scenario,
the coachee the role card (never shown to the coach or observer), the observer the observation form.
In an online round the coach may upload the recording, which the group then comments on."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from courses.cohorts import selectors as cohort_selectors
from courses.cohorts import triads as triad_services
from courses.cohorts.models import Observation
from courses.cohorts.selectors import triads as triad_selectors
from courses.learning.models import Exercise
from courses.practice import services as practice_services
from courses.practice.forms import ObservationForm, RecordingUploadForm, RoundForm, TriadsAutoForm, TriadsManualForm
from courses.practice.media import SizeLimitUploadHandler
from courses.practice.selectors import practised_user_ids, round_recordings
from courses.practice.views import _errors


def _conversations(cohort):
    return Exercise.objects.filter(course_id=cohort.course_id, kind=Exercise.Kind.CONVERSATION).order_by("position")


def _cohort_post(request: HttpRequest, cohort, auto: TriadsAutoForm, round_form: RoundForm) -> list[str]:
    try:
        if "form_groups" in request.POST and auto.is_valid():
            triad_services.triads_form(
                cohort=cohort, avoid_same_organization=auto.cleaned_data["avoid_same_organization"]
            )
            messages.success(request, _("The practice groups were formed."))
            return []
        if "schedule_round" in request.POST and round_form.is_valid():
            data = round_form.cleaned_data
            triad_services.practice_round_schedule(
                cohort=cohort,
                starts_at=data["starts_at"],
                ends_at=data["starts_at"] + datetime.timedelta(minutes=data["minutes"]),
                online=data["online"],
                exercise=data["exercise"],
            )
            messages.success(request, _("The practice round was scheduled."))
            return []
    except ValidationError as exc:
        return list(exc.messages)
    return _errors(round_form) if "schedule_round" in request.POST else _errors(auto) or [_("Choose an action.")]


@login_required
def cohort_practice(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_selectors.cohort_for_trainer_or_404(user=request.user, pk=pk)
    auto = TriadsAutoForm(request.POST if "form_groups" in request.POST else None)
    round_form = RoundForm(request.POST if "schedule_round" in request.POST else None, exercises=_conversations(cohort))
    errors: list[str] = []
    if request.method == "POST":
        with timezone.override(cohort.tzinfo):  # "Starts at" is the cohort's wall-clock time, as the page says
            errors = _cohort_post(request, cohort, auto, round_form)
        if not errors:
            return redirect("courses:cohort_practice", pk=cohort.pk)
    triads = triad_selectors.cohort_triads(cohort=cohort)
    rounds = triad_selectors.rounds_overview(
        cohort=cohort, triads=triads, rounds=triad_selectors.cohort_rounds(cohort=cohort)
    )
    grouped = {m.user_id for t in triads for m in t.members.all()}
    people = [m.enrollment.user for m in cohort_selectors.cohort_participants(cohort=cohort)]
    practised = practised_user_ids(course_id=cohort.course_id, user_ids=[u.pk for u in people])
    practised |= {
        m.user_id for row in rounds for g in row.groups if g["observation"] for m, role in g["roles"] if role == "coach"
    }
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "triads": triads,
        "rounds": rounds,
        "summary": triad_selectors.observation_summary(rounds=rounds),
        "ungrouped": [u for u in people if u.pk not in grouped],
        "not_practised": [u for u in people if u.pk not in practised],
        "auto_form": auto,
        "round_form": round_form,
        "errors": errors,
        "role_labels": triad_services.ROLE_LABELS,
    }
    return render(request, "courses/practice/cohort_practice.html", context, status=400 if errors else 200)


@login_required
def triads_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_selectors.cohort_for_trainer_or_404(user=request.user, pk=pk)
    members = [m.enrollment.user for m in cohort_selectors.cohort_participants(cohort=cohort)]
    triads = triad_selectors.cohort_triads(cohort=cohort)
    current = {m.user_id: t.number for t in triads for m in t.members.all()}
    count = max(len(members) // 3, len(triads), 1) + 1
    form = TriadsManualForm(
        request.POST if request.method == "POST" else None, members=members, groups=count, current=current
    )
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                triad_services.triads_set(cohort=cohort, groups=form.groups())
            except ValidationError as exc:
                errors = list(exc.messages)
            else:
                messages.success(request, _("The practice groups were saved."))
                return redirect("courses:cohort_practice", pk=cohort.pk)
        else:
            errors = _errors(form)
    context = {"cohort": cohort, "course": cohort.course, "form": form, "errors": errors}
    return render(request, "courses/practice/triads_edit.html", context, status=400 if errors else 200)


@csrf_exempt  # checked in `_practice_round`, after the upload size limit is in place
@login_required
def practice_round(request: HttpRequest, pk: int) -> HttpResponse:
    limit = SizeLimitUploadHandler(request, limit=settings.PRACTICE_MAX_UPLOAD_BYTES)
    request.upload_handlers.insert(0, limit)
    return _practice_round(request, pk, limit)


def _round_post(request: HttpRequest, seat, limit: SizeLimitUploadHandler) -> list[str]:
    if seat.role == triad_services.OBSERVER and seat.observation is None:
        form = ObservationForm(request.POST, solvers=Observation.Solver.choices)
        if not form.is_valid():
            return _errors(form)
        try:
            triad_services.observation_save(
                user=request.user, practice_round=seat.practice_round, triad=seat.triad, data=form.cleaned_data
            )
        except ValidationError as exc:
            return list(exc.messages)
        messages.success(request, _("Thank you: your observation was saved."))
        return []
    if seat.role == triad_services.COACH and seat.practice_round.online and seat.practice_round.exercise_id:
        try:
            form = RecordingUploadForm(request.POST, request.FILES)
        except UnreadablePostError:  # the connection broke while the body was read
            return [practice_services.interrupted_message()]
        if limit.exceeded:
            return [practice_services.too_big_message()]
        if limit.interrupted:
            return [practice_services.interrupted_message()]
        if not form.is_valid():
            return _errors(form)
        try:
            practice_services.recording_create(
                user=request.user,
                exercise=seat.practice_round.exercise,
                file=form.cleaned_data["file"],
                duration_ms=form.cleaned_data["duration_ms"],
                practice_round=seat.practice_round,
                triad=seat.triad,
            )
        except ValidationError as exc:
            return list(exc.messages)
        messages.success(request, _("The recording was uploaded. Your group can now comment on it."))
        return []
    return [_("There is nothing to send in your role.")]


@csrf_protect
def _practice_round(request: HttpRequest, pk: int, limit: SizeLimitUploadHandler) -> HttpResponse:
    seat = triad_selectors.round_for_viewer_or_404(user=request.user, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        errors = _round_post(request, seat, limit)
        if not errors:
            return redirect("courses:practice_round", pk=pk)
    conversation = getattr(seat.practice_round.exercise, "conversation", None) if seat.practice_round.exercise else None
    context = {
        "seat": seat,
        "round": seat.practice_round,
        "course": seat.practice_round.cohort.course,
        "conversation": conversation,
        "role_label": triad_services.ROLE_LABELS.get(seat.role, ""),
        "observation_form": ObservationForm(
            request.POST if errors and seat.role == triad_services.OBSERVER else None,
            solvers=Observation.Solver.choices,
        ),
        "recordings": round_recordings(practice_round_id=pk, triad_id=seat.triad.pk) if seat.triad else [],
        "max_mb": settings.PRACTICE_MAX_UPLOAD_BYTES // (1024 * 1024),
        "errors": errors,
    }
    return render(request, "courses/practice/practice_round.html", context, status=400 if errors else 200)
