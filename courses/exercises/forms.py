"""Forms that parse what a participant or a reviewer posts; the services decide.

They exist so that no view reads request.POST raw: a CharField refuses NUL characters (which
PostgreSQL cannot store) with a form error, before any service runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from courses.exercises.models import RubricCriterion


class AnswerForm(forms.Form):
    """A reflection (draft or submit) or an assignment's text; the services check length and content."""

    text = forms.CharField(required=False, strip=False)
    action = forms.CharField(required=False, max_length=20)


class ReviewForm(forms.Form):
    decision = forms.CharField(required=False, max_length=40)
    feedback = forms.CharField(required=False, strip=False)

    def __init__(self, *args, rubric: Iterable[RubricCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(rubric)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.CharField(required=False, max_length=20)

    def scores(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] or None for c in self.criteria}


def form_messages(form: forms.Form) -> list[str]:
    """The form's errors as sentences, for pages that list errors above the form."""
    return [message for errors in form.errors.values() for message in errors]
