"""Forms for impact pages. They parse input; the rules live in courses.impact.services(_pulse)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from courses.impact.models_pulse import PULSE_ITEMS, TEAM_MAX, TEAM_MIN
from courses.learning.models import Exercise

KPI_MAX_BYTES = 5 * 1024 * 1024

SCALE_7 = [
    (1, pgettext_lazy("frequency", "1 · never")),
    *((i, str(i)) for i in (2, 3)),
    (4, pgettext_lazy("frequency", "4 · sometimes")),
    *((i, str(i)) for i in (5, 6)),
    (7, pgettext_lazy("frequency", "7 · always")),
]
AGREE_7 = [
    (1, pgettext_lazy("agreement", "1 · not at all")),
    *((i, str(i)) for i in range(2, 7)),
    (7, pgettext_lazy("agreement", "7 · very much")),
]
RECOMMEND_11 = [
    (0, pgettext_lazy("recommend", "0 · not at all likely")),
    *((i, str(i)) for i in range(1, 10)),
    (10, pgettext_lazy("recommend", "10 · extremely likely")),
]


def _radios(label, choices):
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, widget=forms.RadioSelect)


class ReactionSurveyForm(forms.Form):
    relevance = _radios(_("How relevant was the course to your work?"), AGREE_7)
    confidence = _radios(_("How confident are you that you can apply it?"), AGREE_7)
    recommend = _radios(_("How likely are you to recommend it to a colleague?"), RECOMMEND_11)
    open_answer = forms.CharField(
        label=_("What will you do differently from now on? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportActionForm(forms.Form):
    """The report pages' small forms: the pre/post-test quiz (courses) and the team pulse switch."""

    action = forms.ChoiceField(choices=[("prepost", "prepost"), ("pulse", "pulse")])
    quiz = forms.ModelChoiceField(queryset=Exercise.objects.none(), required=False, label=_("Pre- and post-test"))
    pulse = forms.TypedChoiceField(choices=[("0", "0"), ("1", "1")], coerce=lambda v: v == "1", required=False)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = Exercise.objects.filter(course=course, kind=Exercise.Kind.QUIZ)
        self.fields["quiz"].empty_label = _("No pre- and post-test")


class KpiUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: email, month (YYYY-MM), metric, value."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > KPI_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload.read()


class TeamForm(forms.Form):
    emails = forms.CharField(
        label=_("Your team members' email addresses"),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in per request: a lazy string formatted at import time stays in the default language.
        self.fields["emails"].help_text = gettext(
            "%(min)d to %(max)d people you coach. One address per line. None of them sees who else was asked."
        ) % {"min": TEAM_MIN, "max": TEAM_MAX}

    def clean_emails(self) -> list[str]:
        return [e for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e]


class PulseAnswerForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in PULSE_ITEMS:
            self.fields[key] = _radios(label, SCALE_7)

    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _label in PULSE_ITEMS}
