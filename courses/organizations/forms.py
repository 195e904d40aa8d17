"""Forms for organization pages and the invitation signup."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from courses.organizations.selectors import FILTERS, SORTS
from courses.organizations.services import CSV_MAX_BYTES
from lms.params import PageForm


class LicenceChoiceMixin:
    def _set_licences(self, licences):
        self.fields["licence"].choices = [
            (lic.pk, f"{lic.course.title} ({lic.seats_used}/{lic.seats})") for lic in licences
        ]
        if len(licences) == 1:
            self.fields["licence"].initial = licences[0].pk


class InviteForm(LicenceChoiceMixin, forms.Form):
    licence = forms.TypedChoiceField(label=_("Course"), coerce=int)
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)

    def __init__(self, *args, licences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_licences(list(licences))


class CsvUploadForm(LicenceChoiceMixin, forms.Form):
    licence = forms.TypedChoiceField(label=_("Course"), coerce=int)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns email, first_name, last_name (any order, comma or semicolon separated, UTF-8), up to 5,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, licences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._set_licences(list(licences))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class InvitationSignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        disabled=True,
        required=False,
        help_text=_("The invitation was sent to this address; it cannot be changed."),
        widget=forms.EmailInput(attrs={"readonly": True}),
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class DashboardForm(PageForm):
    """The dashboard's and the export's query string: sort, status filter, page."""

    sort = forms.ChoiceField(choices=[(key, key) for key in SORTS], required=False)
    status = forms.ChoiceField(choices=[("", "")] + [(key, key) for key in FILTERS], required=False)

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "name"
