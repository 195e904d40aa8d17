"""Forms for observer pulses. They parse input; the rules live in courses.followup.services.observers."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from courses.followup.models import Commitment, CommitmentVersion
from courses.followup.models_observers import OBSERVERS_MAX, OBSERVERS_MIN

# The 1-7 frequency scale, with words at the ends and the middle.
SCALE_CHOICES = [
    (1, pgettext_lazy("frequency", "1 · never")),
    (2, "2"),
    (3, "3"),
    (4, pgettext_lazy("frequency", "4 · sometimes")),
    (5, "5"),
    (6, "6"),
    (7, pgettext_lazy("frequency", "7 · always")),
]


class ObserversForm(forms.Form):
    emails = forms.CharField(
        label=_("Your observers' email addresses"),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        max_length=3000,
    )

    def __init__(self, *args, commitments: list[Commitment], **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in per request: a lazy string formatted at import time stays in the default language.
        self.fields["emails"].help_text = gettext(
            "%(min)d to %(max)d people who see you at work: team members, peers or your own manager. "
            "One address per line. Each gets their own link; none of them sees who else was asked."
        ) % {"min": OBSERVERS_MIN, "max": OBSERVERS_MAX}
        self.commitments = commitments
        for c in commitments:
            self.fields[f"item_{c.pk}"] = forms.CharField(
                label=_("What your observers can see: %(commitment)s") % {"commitment": c.sentence},
                max_length=300,
                initial=c.observable,
                help_text=_(
                    "In the third person, e.g. “In our one-to-ones, Alex asks what I think before giving advice.”"
                ),
            )

    @property
    def item_fields(self):
        return [self[f"item_{c.pk}"] for c in self.commitments]

    def clean_emails(self) -> list[str]:
        return [e for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e]

    def items(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"item_{c.pk}", "") for c in self.commitments}


class ObserverAnswerForm(forms.Form):
    def __init__(self, *args, commitments: list[Commitment], **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = commitments
        for c in commitments:
            self.fields[f"rating_{c.pk}"] = forms.TypedChoiceField(
                label=c.observable or c.sentence,
                choices=SCALE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @property
    def item_pairs(self):
        return [(self[f"rating_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.commitments]

    def answers(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"rating_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.commitments
        }


class ReplanForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What will you change?"), choices=CommitmentVersion.Reason.choices, widget=forms.RadioSelect
    )
    situation = forms.CharField(label=_("When…"), max_length=300)
    behaviour = forms.CharField(label=_("I will…"), max_length=300)
