"""Observer pulse pages: the participant names observers and sees the results; observers answer.

Observer pages and emails speak the participant's language: observers have no account to hold a
language, they are the participant's own team and peers (who share a working language with
them), and the items they rate are written by the participant in that language, so any other
language would give a page in two languages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.followup.forms_observers import SCALE_CHOICES, ObserverAnswerForm, ObserversForm
from courses.followup.models_observers import OBSERVER_THRESHOLD, OBSERVERS_MAX, OBSERVERS_MIN
from courses.followup.selectors import observers as obs
from courses.followup.services import observers as svc
from courses.followup.tokens import OBSERVER_LINK_MAX_AGE
from lms.signed_links import refusal


@login_required
@require_http_methods(["GET", "POST"])
def plan_observers(request, pk: int):
    """Name 3-8 observers and the observable items; see self versus observers per commitment."""
    plan = obs.plan_for_owner_or_404(user=request.user, pk=pk)
    commitments = [c for c in plan.commitments.all() if c.is_open]
    initial = {"emails": "\n".join(o.email for o in plan.observers.all())}
    form = ObserversForm(request.POST or None, initial=initial, commitments=commitments)
    if request.method == "POST" and form.is_valid():
        try:
            svc.observers_set(plan=plan, emails=form.cleaned_data["emails"], items=form.items())
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error("emails" if key == "emails" else None, message)
        else:
            messages.success(request, _("Saved. Your observers get their link by email."))
            return redirect("courses:plan_observers", pk=plan.pk)
    return render(
        request,
        "courses/followup/observers_plan.html",
        {
            "plan": plan,
            "form": form,
            "results": obs.observer_results(plan=plan),
            "threshold": OBSERVER_THRESHOLD,
            "min": OBSERVERS_MIN,
            "max": OBSERVERS_MAX,
        },
    )


@require_http_methods(["GET", "POST"])
def observer_answer(request, token: str):
    """One observer, one round, one screen, no login. After answering, the link shows what was sent."""
    try:
        link = obs.observer_link_for_token(token=token)
    except obs.ObserverLinkError as exc:
        status, message = refusal(exc)
        context = {"reason": exc.reason, "message": message, "days": OBSERVER_LINK_MAX_AGE.days}
        return render(request, "courses/followup/observer_refused.html", context, status=status)
    with translation.override(link.plan.user.language):
        return _observer_page(request, link)


def _observer_page(request, link: obs.ObserverLink):
    context = {"link": link, "name": link.plan.user.get_short_name()}
    if link.response is not None:
        values = {r.commitment_id: r.value for r in link.response.ratings.all()}
        context["submitted"] = [(c.observable or c.sentence, values.get(c.pk)) for c in link.commitments]
        return render(request, "courses/followup/observer_answer.html", context)
    form = ObserverAnswerForm(request.POST or None, commitments=link.commitments)
    if request.method == "POST" and form.is_valid():
        ratings = {cid: svc.ObserverRatingInput(value=v, comment=t) for cid, (v, t) in form.answers().items()}
        try:
            svc.observer_answer(observer=link.observer, round_=link.round, ratings=ratings)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return redirect(request.path)
    context.update({"form": form, "scale": SCALE_CHOICES})
    return render(request, "courses/followup/observer_answer.html", context)
