"""Forms of the exercise pages: they parse input (the services judge and write)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from courses.exercises.models import Submission
from lms.converters import ID_MAX  # a bigger id is a clear 400, not a database error


def form_errors(form: forms.BaseForm) -> list[str]:
    """Every message of an invalid form, flat, for the pages' error box."""
    return [message for errors in form.errors.values() for message in errors]


def validation_errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


class QuizAnswersForm(forms.Form):
    """`q_<question id>` -> chosen option ids; the quiz service checks that they belong to the quiz."""

    def clean(self):
        data = super().clean()
        answers: dict[str, list[str]] = {}
        for key in self.data:
            if key.startswith("q_") and key[2:].isdigit():
                values = self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data[key]]
                answers[key[2:]] = [str(v) for v in values]
        data["answers"] = answers
        return data

    def chosen(self) -> dict[int, set[int]]:
        """The answers as numbers, to show them again after an error."""
        answers = self.cleaned_data.get("answers", {})
        return {int(key): {int(v) for v in values if v.isdigit()} for key, values in answers.items()}


class ReflectionForm(forms.Form):
    text = forms.CharField(required=False, strip=False)
    action = forms.CharField(required=False)

    def is_submit(self) -> bool:
        return self.cleaned_data.get("action") == "submit"


class DraftForm(forms.Form):
    text = forms.CharField(required=False, strip=False)


class SubmissionForm(forms.Form):
    text = forms.CharField(required=False, strip=False)
    file = forms.FileField(required=False, allow_empty_file=True)


class AttemptQueryForm(forms.Form):
    attempt = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)


class ReviewForm(forms.Form):
    """A review: decision, feedback and one `score_<criterion id>` per rubric criterion."""

    decision = forms.CharField(required=False)
    feedback = forms.CharField(required=False, strip=False)

    def __init__(self, *args, rubric=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = list(rubric)
        for criterion in self.rubric:
            self.fields[f"score_{criterion.pk}"] = forms.CharField(required=False)

    def scores(self) -> dict[int, str | None]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") or None for c in self.rubric}

    def posted(self) -> dict[str, str]:
        """What was sent, to fill the form again after an error."""
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class ReviewQueueFilterForm(forms.Form):
    course = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    state = forms.ChoiceField(required=False, choices=[*Submission.Status.choices, ("all", "all")])
    page = forms.CharField(required=False)

    def filters(self) -> tuple[int | None, str, str]:
        """(course id, state, page); a bad filter falls back to its default, as the links expect."""
        self.is_valid()  # cleaned_data keeps the fields that are valid
        data = self.cleaned_data
        return data.get("course"), data.get("state") or Submission.Status.SUBMITTED, data.get("page") or ""


class ReflectionFilterForm(forms.Form):
    exercise = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    page = forms.CharField(required=False)


class HelpfulForm(forms.Form):
    helpful = forms.TypedChoiceField(choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes")
