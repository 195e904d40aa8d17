"""Small forms shared by views of every area, so that no view reads request.POST or GET raw."""

from __future__ import annotations

from django import forms
from django.conf import settings


class NextForm(forms.Form):
    """Where to go after an action: a path on this site (the view still checks the host)."""

    next = forms.CharField(required=False, max_length=2000)  # CharField refuses NUL characters

    def clean_next(self) -> str:
        value = self.cleaned_data["next"]
        return value if value.startswith("/") and not value.startswith("//") else ""


class LanguageForm(NextForm):
    """The language switch in the footer: a language the site offers, and the page to return to."""

    language = forms.ChoiceField(choices=settings.LANGUAGES)
