"""Follow-up pages: making a plan, answering check-ins, the practice log, and the overviews."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from courses.followup import selectors as fs
from courses.followup import services as svc
from courses.followup.forms import (
    BuddyResponseForm,
    CheckInCommitmentForm,
    CheckInForm,
    CommitmentFormSet,
    FollowupShareForm,
    PlanForm,
    PracticeLogEntryForm,
    PracticeLogPrefillForm,
)
from courses.learning.models import Course
from courses.learning.selectors import course_for_trainer_or_404
from courses.organizations.selectors import organization_for_admin_or_404
from lms.params import page_number, query_params

WHY_SHORT_HINT = gettext_lazy(
    "Tip: your “why this matters to me” is short. People who wrote a little more about why it matters "
    "to them tended to change more."
)


OBSERVERS_NEXT = gettext_lazy(
    "Next step: ask 3 to 8 people who see you at work to observe your commitments. "
    "Choose “Observers: how others see it” on your plan."
)


def _apply_errors(exc: ValidationError, *forms) -> None:
    """Put a service's ValidationError on the first form that has the field, else as a form error."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for key, messages_ in errors.items():
        target = next((f for f in forms if key in getattr(f, "fields", {})), None)
        for message in messages_:
            if target is not None:
                target.add_error(key, message)
            else:
                forms[0].add_error(None, message)


# --- Participant --------------------------------------------------------------------------------


@login_required
def followup(request):
    """My follow-up: plans with their check-in timeline, a follow-through chart, the practice log."""
    plans = fs.participant_plans(user=request.user)
    points = fs.followthrough_points(plans)
    log_page, stats = fs.practice_log_for_user(user=request.user, page=page_number(request))
    return render(
        request,
        "courses/followup/followup_overview.html",
        {
            "plans": plans,
            "points": points,
            "chart": fs.followthrough_chart(points),
            "log_page": log_page,
            "stats": stats,
            "shares": fs.share_options(user=request.user),
        },
    )


@login_required
@require_POST
def followup_share(request):
    form = FollowupShareForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose a course and whether to share it."))
    course = next((c for c in fs.enrolled_courses(user=request.user) if c.slug == form.cleaned_data["course"]), None)
    if course is None:
        raise Http404
    shared = form.cleaned_data["shared"]
    svc.followup_share_update(user=request.user, course=course, shared=shared)
    if shared:
        messages.success(request, _("The trainers of %(course)s can now see your follow-up.") % {"course": course})
    else:
        messages.success(request, _("Your follow-up is private again for %(course)s.") % {"course": course})
    return redirect("courses:followup")


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, course_slug: str, exercise_slug: str):
    exercise = fs.plan_exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    existing = fs.plan_for_exercise(user=request.user, exercise=exercise)
    if existing is not None:
        return render(request, "courses/followup/plan_exists.html", {"exercise": exercise, "plan": existing})
    if request.method == "POST":
        form = PlanForm(request.POST)
        formset = CommitmentFormSet(request.POST, prefix="commitments")
        if form.is_valid() and formset.is_valid():
            commitments = [
                svc.CommitmentInput(f.cleaned_data["situation"], f.cleaned_data["behaviour"], f.cleaned_data["why"])
                for f in formset.forms
                if not f.is_blank
            ]
            dates = (
                form.cleaned_data["checkin_dates"] if form.cleaned_data["rhythm"] == PlanForm.RHYTHM_CUSTOM else None
            )
            try:
                svc.plan_create(
                    user=request.user,
                    exercise=exercise,
                    commitments=commitments,
                    checkin_dates=dates,
                    buddy_email=form.cleaned_data["buddy_email"],
                    buddy_name=form.cleaned_data["buddy_name"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "checkin_dates" in exc.error_dict:
                    for message in exc.message_dict.pop("checkin_dates"):
                        form.add_error("date_1", message)
                    rest = {k: v for k, v in exc.message_dict.items() if k != "checkin_dates"}
                    if rest:
                        _apply_errors(ValidationError(rest), form)
                else:
                    _apply_errors(exc, form)
            else:
                messages.success(request, _("Your plan is made. We will check in with you by email."))
                if any(f.why_is_short for f in formset.forms):
                    messages.info(request, WHY_SHORT_HINT)
                messages.info(request, OBSERVERS_NEXT)
                return redirect("courses:followup")
    else:
        form = PlanForm()
        formset = CommitmentFormSet(prefix="commitments")
    today = timezone.localdate()
    return render(
        request,
        "courses/followup/plan_create.html",
        {
            "exercise": exercise,
            "course": exercise.course,
            "form": form,
            "formset": formset,
            "default_dates": svc.default_checkin_dates(today=today),
            "latest_date": svc.checkin_latest_date(today=today),
        },
    )


@login_required
def checkin_open(request, pk: int):
    """From My follow-up: open the answer form of one of your own check-ins (a fresh signed link)."""
    checkin = fs.checkin_for_owner_or_404(user=request.user, pk=pk)
    return redirect(svc.checkin_url(checkin=checkin, absolute=False))


_LINK_REFUSALS = {
    "invalid": (404, gettext_lazy("This check-in link is not valid.")),
    "expired": (410, gettext_lazy("This check-in link has expired.")),
    "used": (410, gettext_lazy("This check-in has already been answered.")),
}


@require_http_methods(["GET", "POST"])
def checkin_answer(request, token: str):
    """The form behind the emailed link: works without login, for this check-in only, once."""
    try:
        checkin = fs.checkin_for_token(token=token, user=request.user)
    except fs.CheckinLinkError as exc:
        status, message = _LINK_REFUSALS[exc.reason]
        return render(
            request, "courses/followup/checkin_refused.html", {"reason": exc.reason, "message": message}, status=status
        )
    plan = checkin.plan
    commitments = [c for c in plan.commitments.all() if c.is_open]
    data = request.POST if request.method == "POST" else None
    item_forms = [CheckInCommitmentForm(data, commitment=c, prefix=f"c{c.pk}") for c in commitments]
    form = CheckInForm(data)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in item_forms):
        answers = {
            f.commitment.pk: svc.CommitmentAnswerInput(
                did_it=f.cleaned_data["did_it"],
                naturalness=f.cleaned_data["naturalness"],
                decision=f.cleaned_data["decision"],
                situation=f.cleaned_data["situation"],
                behaviour=f.cleaned_data["behaviour"],
            )
            for f in item_forms
        }
        try:
            svc.checkin_answer(
                checkin=checkin,
                answers=answers,
                what_happened=form.cleaned_data["what_happened"],
                next_step=form.cleaned_data["next_step"],
                new_checkin_date=form.cleaned_data["new_checkin_date"],
            )
        except ValidationError as exc:
            _apply_errors(exc, form)
        else:
            return redirect("courses:checkin_thanks")
    return render(
        request,
        "courses/followup/checkin_answer.html",
        {"checkin": checkin, "plan": plan, "form": form, "item_forms": item_forms, "ticks": range(11)},
    )


def checkin_thanks(request):
    return render(request, "courses/followup/checkin_thanks.html")


@require_http_methods(["GET", "POST"])
def buddy_respond(request, token: str):
    """The buddy's accept/decline page (works without an account)."""
    buddy = fs.buddy_for_token_or_404(token=token)
    form = BuddyResponseForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        buddy = svc.buddy_respond(buddy=buddy, accept=accept, user=request.user)
        if accept:
            messages.success(request, _("Thank you. You will get a short summary after each check-in."))
        else:
            messages.info(request, _("You declined. Nothing more will be sent to you about this plan."))
        return redirect("courses:buddy_respond", token=token)
    return render(
        request,
        "courses/followup/followup_buddy.html",
        {"buddy": buddy, "plan": buddy.plan, "commitments": list(buddy.plan.commitments.all())},
        status=400 if form.is_bound else 200,
    )


def _practice_log_form_page(request, *, entry=None):
    courses = fs.enrolled_courses(user=request.user)
    if request.method == "POST":
        form = PracticeLogEntryForm(request.POST, instance=entry, courses=courses)
        if form.is_valid():
            try:
                if entry is None:
                    svc.practice_log_entry_create(user=request.user, **form.cleaned_fields())
                else:
                    svc.practice_log_entry_update(entry=entry, **form.cleaned_fields())
            except ValidationError as exc:
                _apply_errors(exc, form)
            else:
                messages.success(request, _("Your conversation is in your practice log."))
                return redirect("courses:followup")
    else:
        initial = {}
        if entry is None:
            prefill = query_params(PracticeLogPrefillForm, request)
            initial["date"] = timezone.localdate()
            course = next((c for c in courses if c.slug == prefill["course"]), None)
            if course is not None:
                initial["course"] = course.pk
            if prefill["technique"]:
                initial["technique"] = prefill["technique"]
        form = PracticeLogEntryForm(instance=entry, initial=initial, courses=courses)
    return render(request, "courses/followup/practice_log_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def practice_log_create(request):
    return _practice_log_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def practice_log_update(request, pk: int):
    entry = fs.practice_log_entry_for_owner_or_404(user=request.user, pk=pk)
    return _practice_log_form_page(request, entry=entry)


@login_required
@require_http_methods(["GET", "POST"])
def practice_log_delete(request, pk: int):
    entry = fs.practice_log_entry_for_owner_or_404(user=request.user, pk=pk)
    if request.method == "POST":
        svc.practice_log_entry_delete(entry=entry)
        messages.success(request, _("The entry was deleted."))
        return redirect("courses:followup")
    return render(request, "courses/followup/practice_log_delete.html", {"entry": entry})


# --- Trainer ------------------------------------------------------------------------------------


@login_required
def trainer_followup(request, slug: str):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    return render(
        request,
        "courses/followup/followup_trainer.html",
        {
            "course": course,
            "stats": fs.trainer_followup_stats(course=course),
            "sharers": fs.trainer_sharers(course=course, page=page_number(request)),
        },
    )


@login_required
def trainer_followup_participant(request, slug: str, user_id: int):
    course: Course = course_for_trainer_or_404(user=request.user, slug=slug)
    participant = fs.trainer_participant_or_404(course=course, user_id=user_id)
    detail = fs.trainer_participant_detail(course=course, participant=participant, page=page_number(request))
    return render(
        request,
        "courses/followup/followup_trainer_participant.html",
        {"course": course, "participant": participant, **detail},
    )


# --- Organization admin ---------------------------------------------------------------------------


@login_required
def org_followup(request, org_slug: str):
    # The organizations area's permission: 404 outside the organization, 403 for plain members.
    organization = organization_for_admin_or_404(user=request.user, slug=org_slug)
    return render(
        request,
        "courses/followup/followup_org.html",
        {
            "organization": organization,
            "stats": fs.org_followup_stats(organization=organization),
            "min_group": fs.MIN_GROUP_SIZE,
        },
    )
