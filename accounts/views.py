from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm, TrainerProfileForm
from accounts.services import user_update_profile


@login_required
def profile(request):
    """The person's own profile: name and language here (trainers: bio and photo too); emails,
    password and MFA link to allauth."""
    form_class = TrainerProfileForm if request.user.is_trainer else ProfileForm
    form = form_class(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {}
        if request.user.is_trainer:
            photo = data.get("photo")
            extra = {"bio": data["bio"], "photo": photo or None, "photo_clear": photo is False}
        user_update_profile(user=request.user, full_name=data["full_name"], language=data["language"], **extra)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/user_profile.html", {"form": form})
