"""Team coaching pulse pages: the participant names the team and sees the averages; a team member
answers from the emailed link (no login, one screen, once per round, in the participant's language:
see courses.followup.views_observers for why)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.impact import services_pulse as svc
from courses.impact.forms import PulseAnswerForm, TeamForm
from courses.impact.models_pulse import PULSE_ITEMS, PULSE_THRESHOLD
from courses.impact.selectors import pulse as sel
from courses.impact.selectors.access import is_enrolled
from courses.impact.tokens import PULSE_LINK_MAX_AGE
from courses.learning.selectors import course_for_learner_or_404
from lms.signed_links import refusal


@login_required
@require_http_methods(["GET", "POST"])
def team_pulse(request, course_slug: str):
    course = course_for_learner_or_404(user=request.user, slug=course_slug)
    if not is_enrolled(user=request.user, course=course):
        raise Http404
    active = svc.pulse_active_for(user=request.user, course=course)
    pulse = sel.participant_pulse(user=request.user, course=course)
    form = TeamForm(request.POST or None, initial={"emails": "\n".join(m.email for m in pulse.members)})
    if request.method == "POST" and form.is_valid():
        try:
            svc.team_set(user=request.user, course=course, emails=form.cleaned_data["emails"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("emails", message)
        else:
            messages.success(request, _("Saved. Your team gets their link by email."))
            return redirect("courses:team_pulse", course_slug=course.slug)
    context = {"course": course, "active": active, "pulse": pulse, "form": form, "threshold": PULSE_THRESHOLD}
    return render(request, "courses/impact/team_pulse.html", context)


@require_http_methods(["GET", "POST"])
def pulse_answer(request, token: str):
    try:
        link = sel.pulse_link_for_token(token=token)
    except sel.PulseLinkError as exc:
        status, message = refusal(exc)
        context = {"reason": exc.reason, "message": message, "days": PULSE_LINK_MAX_AGE.days}
        return render(request, "courses/followup/observer_refused.html", context, status=status)
    with translation.override(link.participant.language):
        context = {"link": link, "name": link.participant.get_short_name()}
        if link.response is not None:
            values = {r.item: r.value for r in link.response.ratings.all()}
            context["submitted"] = [(label, values.get(key)) for key, label in PULSE_ITEMS]
            return render(request, "courses/impact/pulse_answer.html", context)
        form = PulseAnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                svc.pulse_answer(member=link.member, round_=link.round, ratings=form.ratings())
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                return redirect(request.path)
        context["form"] = form
        return render(request, "courses/impact/pulse_answer.html", context)
