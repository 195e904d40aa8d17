"""Forms of the reminders area: the email preferences page parses its checkboxes here."""

from __future__ import annotations

from django import forms


class EmailPreferencesForm(forms.Form):
    """The kinds of email a person keeps receiving (every other optional kind is switched off)."""

    kinds = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(key, key) for key in kinds]
