"""Forms for follow-up pages. They parse input; the rules live in courses.followup.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.followup.models import (
    MAX_COMMITMENTS,
    MIN_COMMITMENTS,
    WHY_MIN_WORDS,
    CheckInAnswer,
    Commitment,
    PracticeLogEntry,
    why_is_short,
)
from courses.followup.wording import rhythm_custom_label_lazy, rhythm_default_label_lazy

CUSTOM_DATE_FIELDS = 4


class CommitmentForm(forms.Form):
    situation = forms.CharField(
        label=_("When…"),
        max_length=300,
        required=False,
        help_text=_("The situation, e.g. “When a rep brings me a problem in a one-on-one”."),
    )
    behaviour = forms.CharField(
        label=_("I will…"),
        max_length=300,
        required=False,
        help_text=_("What you will do, e.g. “I will ask two open questions before I share an idea”."),
    )
    why = forms.CharField(
        label=_("Why this matters to me (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "data-min-words": WHY_MIN_WORDS,
                "data-short-hint": _("Under 15 words: a sentence or two more about why usually helps."),
            }
        ),
        help_text=_("A few sentences help: longer reasons went with larger changes in how people rated themselves."),
    )

    @property
    def why_is_short(self) -> bool:
        """Filled in, but under WHY_MIN_WORDS words: the page suggests writing a little more (never blocks)."""
        return why_is_short((getattr(self, "cleaned_data", None) or {}).get("why", ""))

    def clean(self):
        data = super().clean()
        situation, behaviour = data.get("situation", "").strip(), data.get("behaviour", "").strip()
        if (situation or behaviour or data.get("why", "").strip()) and not (situation and behaviour):
            raise forms.ValidationError(
                _("This commitment is incomplete: write both the situation and what you will do."), code="empty"
            )
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any((data.get(k) or "").strip() for k in ("situation", "behaviour", "why"))


class BaseCommitmentFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if not f.is_blank]
        if len(filled) < MIN_COMMITMENTS:
            raise forms.ValidationError(_("Write at least one commitment."), code="none")
        if len(filled) > MAX_COMMITMENTS:
            raise forms.ValidationError(
                _("A plan holds at most %(max)d commitments.") % {"max": MAX_COMMITMENTS}, code="too_many"
            )


CommitmentFormSet = forms.formset_factory(
    CommitmentForm,
    formset=BaseCommitmentFormSet,
    extra=MAX_COMMITMENTS,
    max_num=MAX_COMMITMENTS,
    validate_max=True,
    absolute_max=MAX_COMMITMENTS,
)


class PlanForm(forms.Form):
    RHYTHM_DEFAULT = "default"
    RHYTHM_CUSTOM = "custom"
    rhythm = forms.ChoiceField(
        label=_("Follow-up rhythm"),
        choices=[
            (RHYTHM_DEFAULT, rhythm_default_label_lazy()),
            (RHYTHM_CUSTOM, rhythm_custom_label_lazy()),
        ],
        initial=RHYTHM_DEFAULT,
        widget=forms.RadioSelect,
    )
    buddy_email = forms.EmailField(
        label=_("Buddy's email (optional)"),
        required=False,
        help_text=_(
            "Another participant or your own manager. They are asked to accept first, then get a short "
            "summary of each check-in. They never see what you write about what happened."
        ),
    )
    buddy_name = forms.CharField(label=_("Buddy's name (optional)"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, CUSTOM_DATE_FIELDS + 1):
            self.fields[f"date_{i}"] = forms.DateField(
                label=_("Check-in date %(n)d") % {"n": i},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    @property
    def date_fields(self):
        return [self[f"date_{i}"] for i in range(1, CUSTOM_DATE_FIELDS + 1)]

    def clean(self):
        data = super().clean()
        dates = [data.get(f"date_{i}") for i in range(1, CUSTOM_DATE_FIELDS + 1)]
        data["checkin_dates"] = [d for d in dates if d]
        if data.get("rhythm") == self.RHYTHM_CUSTOM and not data["checkin_dates"]:
            self.add_error("date_1", _("Choose at least one date, or use the recommended rhythm."))
        return data


class CheckInCommitmentForm(forms.Form):
    did_it = forms.ChoiceField(label=_("Did you do it?"), choices=CheckInAnswer.DidIt.choices, widget=forms.RadioSelect)
    naturalness = forms.IntegerField(
        label=_("How natural did it feel?"),
        min_value=0,
        max_value=10,
        initial=5,
        widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": 10, "step": 1}),
    )
    decision = forms.ChoiceField(
        label=_("What now?"),
        choices=CheckInAnswer.Decision.choices,
        initial=CheckInAnswer.Decision.KEEP,
        widget=forms.RadioSelect,
    )
    situation = forms.CharField(label=_("Adjusted: When…"), max_length=300, required=False)
    behaviour = forms.CharField(label=_("Adjusted: I will…"), max_length=300, required=False)

    def __init__(self, *args, commitment: Commitment, **kwargs):
        self.commitment = commitment
        kwargs.setdefault("initial", {}).update({"situation": commitment.situation, "behaviour": commitment.behaviour})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("decision") == CheckInAnswer.Decision.ADJUST and not (
            (data.get("situation") or "").strip() and (data.get("behaviour") or "").strip()
        ):
            raise forms.ValidationError(_("To adjust, write both the new situation and what you will do."))
        return data


class CheckInForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )
    next_step = forms.CharField(
        label=_("What will you do next?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    new_checkin_date = forms.DateField(
        label=_("Add another check-in (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Any date after today, at most 6 months ahead."),
    )


class PracticeLogEntryForm(forms.ModelForm):
    talk_ratio = forms.IntegerField(
        label=_("How much of the conversation did you talk? (%)"),
        min_value=0,
        max_value=100,
        help_text=_("0 = you only listened, 100 = you only talked. Good coaching is often below 40."),
        widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": 100, "step": 5}),
    )

    class Meta:
        model = PracticeLogEntry
        fields = ["date", "course", "member", "topic", "technique", "question", "outcome", "next_step", "talk_ratio"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "question": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
            "technique": forms.RadioSelect,
        }

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = self.fields["course"].queryset.filter(pk__in=[c.pk for c in courses])
        self.fields["course"].required = False
        self.fields["course"].empty_label = _("No particular course")
        self.fields["technique"].choices = PracticeLogEntry.Technique.choices  # radios: no blank option
        if self.instance.pk is None and not self.initial.get("talk_ratio"):
            self.initial["talk_ratio"] = 50

    def _post_clean(self):
        # Model validation happens in the service; the form only parses.
        pass

    def cleaned_fields(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.Meta.fields}


class FollowupShareForm(forms.Form):
    """Share (1) or stop sharing (0) one course's follow-up with its trainers."""

    course = forms.SlugField(max_length=255)
    shared = forms.TypedChoiceField(choices=[("0", "0"), ("1", "1")], coerce=lambda value: value == "1")


class BuddyResponseForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class PracticeLogPrefillForm(forms.Form):
    """The query string of "log a conversation" links: which course and technique to preselect."""

    course = forms.SlugField(max_length=255, required=False)
    technique = forms.ChoiceField(choices=[("", "")] + PracticeLogEntry.Technique.choices, required=False)
