from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.uploads import sniff

PHOTO_KINDS = frozenset({"png", "jpg", "webp"})
PHOTO_MAX_BYTES = 2 * 1024 * 1024


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form (allauth calls `signup`)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        """The name, and the language the person signed up in (the page's, which came from their
        browser or the switch): their pages and emails stay in it until they change it."""
        user.full_name = self.cleaned_data["full_name"].strip()
        fields = ["full_name"]
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
            fields.append("language")
        user.save(update_fields=fields)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["full_name", "language"]
        labels = {"full_name": _("Full name"), "language": _("Language for emails and pages")}


class TrainerProfileForm(ProfileForm):
    """A trainer's profile adds what the storefront shows: a bio and a photo (checked by content)."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A square JPEG, PNG or WebP photo of your face, at most 2 MB. Without one, your initials are shown."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta(ProfileForm.Meta):
        fields = ["full_name", "language", "bio"]
        labels = {**ProfileForm.Meta.labels, "bio": _("Bio")}
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo  # None (nothing uploaded) or False ("clear" ticked)
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is larger than 2 MB."), code="too_large")
        if sniff(photo, allowed=PHOTO_KINDS) is None:
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")
        return photo
