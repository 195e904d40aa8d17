"""Forms of the practice pages: they parse input (the services judge and write)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.exercises.services import ANSWER_MAX_CHARS
from courses.practice.models import TimedComment
from lms.converters import ID_MAX

MOMENT = re.compile(r"^(?:(\d{1,2}):)?(?:(\d{1,3}):)?(\d{1,5})(?:[.,](\d{1,3}))?$")
MOMENT_MAX_MS = 4 * 60 * 60 * 1000


def moment_ms(value: str) -> int | None:
    """ "1:23", "01:02:03", "83" or "83.5" as milliseconds; None when it is not a moment."""
    match = MOMENT.match((value or "").strip())
    if match is None:
        return None
    first, second, seconds, fraction = match.groups()
    if first is not None and second is not None:
        hours, minutes = int(first), int(second)
    else:
        hours, minutes = 0, int(first or second or 0)
    ms = ((hours * 60 + minutes) * 60 + int(seconds)) * 1000 + int((fraction or "0").ljust(3, "0"))
    return ms if ms <= MOMENT_MAX_MS else None


class RecordingUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Recording"), error_messages={"required": _("Choose a recording to upload.")}, allow_empty_file=True
    )
    duration_ms = forms.IntegerField(required=False, min_value=0, max_value=MOMENT_MAX_MS, widget=forms.HiddenInput)
    video = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    at = forms.CharField(
        label=_("Moment (minutes:seconds)"),
        max_length=20,
        required=False,
        help_text=_("The player fills this in; you can also type a moment, for example 1:25."),
    )
    text = forms.CharField(label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    tone = forms.ChoiceField(label=_("Kind of comment"), choices=TimedComment.Tone.choices, required=False)
    criterion = forms.IntegerField(label=_("Criterion"), required=False, min_value=1, max_value=ID_MAX)
    parent = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        raw = data.get("at") or ""
        if data.get("parent"):
            data["at_ms"] = 0  # a reply takes its comment's moment
        elif raw:
            at_ms = moment_ms(raw)
            if at_ms is None:
                self.add_error("at", _("Write the moment as minutes:seconds, for example 1:25."))
            data["at_ms"] = at_ms
        else:
            self.add_error("at", _("Play the recording to the moment, or type it, for example 1:25."))
        data["tone"] = data.get("tone") or TimedComment.Tone.NOTE
        return data


class SendForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like feedback on?"),
        max_length=ANSWER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell your trainer what you would like feedback on.")},
    )


# --- Practice groups and rounds (trainer) and the observer's form --------------------------------


class TriadsAutoForm(forms.Form):
    avoid_same_organization = forms.BooleanField(
        label=_("Avoid pairs from the same organization"), required=False, initial=True
    )


class TriadsManualForm(forms.Form):
    """One choice per cohort member: the group number (blank: in no group)."""

    def __init__(self, *args, members, groups: int, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("No group"))] + [(str(n), str(n)) for n in range(1, groups + 1)]
        for user in members:
            self.fields[f"user_{user.pk}"] = forms.TypedChoiceField(
                label=user.get_full_name() or user.email,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(user.pk),
            )

    def groups(self) -> list[list[int]]:
        chosen: dict[int, list[int]] = {}
        for name, value in self.cleaned_data.items():
            if value:
                chosen.setdefault(value, []).append(int(name.removeprefix("user_")))
        return [chosen[n] for n in sorted(chosen)]


class RoundForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=10, max_value=480, initial=45)
    online = forms.BooleanField(label=_("Online round: the coach may upload the recording"), required=False)
    exercise = forms.ModelChoiceField(label=_("Practice conversation"), queryset=None, required=False)

    def __init__(self, *args, exercises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = exercises


class ObservationForm(forms.Form):
    miracle_question = forms.TypedChoiceField(
        label=_("Did the coach ask the miracle question?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    open_questions = forms.IntegerField(label=_("Open questions (count)"), min_value=0, max_value=500)
    closed_questions = forms.IntegerField(label=_("Closed questions (count)"), min_value=0, max_value=500)
    solution_by = forms.ChoiceField(label=_("Who found the solution?"), choices=())
    coach_talk_percent = forms.IntegerField(
        label=_("The coach's share of talking time (percent, estimate)"), min_value=0, max_value=100
    )
    keep = forms.CharField(label=_("One thing to keep"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    try_next = forms.CharField(label=_("One thing to try"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, solvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution_by"].choices = solvers
