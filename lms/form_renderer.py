"""The site's form renderer: every `{{ form }}` and `{{ field.as_field_group }}` goes through
templates/forms/field.html (label without a colon, required mark, help text, errors), and
`form.as_p` (which allauth's pages use) renders the same way as `{{ form }}`.

Templates are looked up through settings.TEMPLATES, so the project's templates/ folder
overrides Django's own form templates.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "django/forms/div.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "forms/field.html"
