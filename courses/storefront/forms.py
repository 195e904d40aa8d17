"""Forms of the storefront: the organizations' request form, with its honeypot."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.cohorts.models import Cohort
from courses.learning.models import Course


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Cohort) -> str:
        return _("%(course)s: %(cohort)s, starts %(date)s") % {
            "course": obj.course.title,
            "cohort": obj.name,
            "date": obj.starts_on.isoformat(),
        }


class OrgRequestForm(forms.Form):
    organization = forms.CharField(
        label=_("Organization"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Optional: if you prefer a call."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    managers = forms.IntegerField(label=_("Number of managers"), min_value=1, max_value=10000, initial=5)
    course = forms.ModelChoiceField(
        label=_("Preferred master class"), queryset=Course.objects.none(), required=False, empty_label=_("Not sure yet")
    )
    cohort = CohortChoiceField(
        label=_("Preferred cohort"), queryset=Cohort.objects.none(), required=False, empty_label=_("No preference")
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What your team needs, when you would like to start, anything we should know."),
    )
    # The honeypot: hidden from people by CSS, labelled for screen readers to leave it empty.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, courses=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(pk__in=[c.pk for c in courses]).order_by("title")
        self.fields["course"].choices = [("", _("Not sure yet")), *((c.pk, c.title) for c in courses)]
        cohort_field = self.fields["cohort"]
        cohort_field.queryset = Cohort.objects.filter(pk__in=[c.pk for c in cohorts]).select_related("course")
        cohort_field.choices = [
            ("", _("No preference")),
            *((c.pk, cohort_field.label_from_instance(c)) for c in cohorts),
        ]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This field must stay empty. If you are a person, please clear it and send again."), code="honeypot"
            )
        return ""

    def clean(self):
        data = super().clean()
        course, cohort = data.get("course"), data.get("cohort")
        if course and cohort and cohort.course_id != course.pk:
            self.add_error("cohort", _("This cohort belongs to another master class."))
        return data
