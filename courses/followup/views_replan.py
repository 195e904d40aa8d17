"""Relapse handling: the re-plan page offered after two "not yet" check-ins for the same commitment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.followup.forms_observers import ReplanForm
from courses.followup.selectors.observers import commitment_for_owner_or_404
from courses.followup.services.replan import commitment_replan


@login_required
@require_http_methods(["GET", "POST"])
def commitment_replan_view(request, pk: int):
    commitment = commitment_for_owner_or_404(user=request.user, pk=pk)
    initial = {"situation": commitment.situation, "behaviour": commitment.behaviour}
    form = ReplanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            commitment_replan(commitment=commitment, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Your new plan is saved. The earlier version stays in your history."))
            return redirect("courses:followup")
    return render(request, "courses/followup/commitment_replan.html", {"commitment": commitment, "form": form})
