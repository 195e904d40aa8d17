"""Forms of the trainer studio. They parse input; the services in courses/studio/services/ write.

The editors of a kind's own details (quiz questions, rubric) are in courses/studio/editors.py."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.learning.models import Course, Exercise
from courses.studio.markdown import markdown_guard
from lms.converters import ID_MAX
from lms.parsing import parse_json
from lms.richtext import validate_video_url
from lms.uploads import sniff


class MarkdownField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.validators.append(markdown_guard)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Web address (slug)"), max_length=100, help_text=_("Letters, digits and hyphens."))
    summary = forms.CharField(label=_("Summary"), max_length=400)
    description = MarkdownField(label=_("Description (Markdown)"), widget=forms.Textarea(attrs={"rows": 8}))
    outcomes = forms.CharField(
        label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line.")
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    estimated_hours = forms.IntegerField(label=_("Estimated hours"), min_value=0, max_value=1000, initial=1)


COVER_KINDS = frozenset({"png", "jpg", "webp"})
COVER_MAX_BYTES = 3 * 1024 * 1024


class CourseEditForm(CourseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    cover_image = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, 1200 × 630 px works best, at most 3 MB. Without one, a cover is drawn from the title."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    cover_clear = forms.BooleanField(label=_("Remove the uploaded cover"), required=False)

    def clean_cover_image(self):
        """Checked by its content, never by its name or the browser's word (lms.uploads)."""
        image = self.cleaned_data.get("cover_image")
        if not image:
            return None
        if image.size > COVER_MAX_BYTES:
            raise forms.ValidationError(_("The cover image is larger than 3 MB."), code="too_large")
        if sniff(image, allowed=COVER_KINDS) is None:
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="not_an_image")
        return image


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=400, required=False)


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Web address (slug)"), max_length=100)
    body = MarkdownField(label=_("Lesson text (Markdown)"), widget=forms.Textarea(attrs={"rows": 20}))
    video_url = forms.URLField(
        label=_("Video URL"),
        required=False,
        validators=[validate_video_url],
        help_text=_("YouTube or Vimeo only."),
        assume_scheme="https",
    )
    estimated_minutes = forms.IntegerField(label=_("Estimated minutes"), min_value=0, max_value=600, initial=10)
    free_preview = forms.BooleanField(label=_("Free preview"), required=False)
    required = forms.BooleanField(label=_("Required for completion"), required=False, initial=True)


class LessonEditForm(LessonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class ExerciseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Exercise.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Web address (slug)"), max_length=100)
    instructions = MarkdownField(
        label=_("Instructions or prompt (Markdown)"), widget=forms.Textarea(attrs={"rows": 10})
    )
    required = forms.BooleanField(label=_("Required for completion"), required=False, initial=True)


class ExerciseEditForm(ExerciseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].disabled = True


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Course file (.json)"))
    slug = forms.SlugField(label=_("Web address (slug) for the new course"), max_length=100, required=False)


class DuplicateForm(forms.Form):
    title = forms.CharField(label=_("Title of the copy"), max_length=200)
    slug = forms.SlugField(label=_("Web address (slug) of the copy"), max_length=100)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Course.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A course with this web address already exists."))
        return slug


class TrainerForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Trainer"), queryset=User.objects.none())

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = queryset if queryset is not None else User.objects.none()


class PreviewForm(forms.Form):
    """Which button sent the lesson editor: "Preview" renders, anything else saves."""

    preview = forms.BooleanField(required=False)


class MarkdownPreviewForm(forms.Form):
    body = MarkdownField(strip=False)


class CourseStatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "publish"), ("unpublish", "unpublish"), ("archive", "archive")])


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class TrainerRemoveForm(forms.Form):
    remove = forms.ModelChoiceField(queryset=User.objects.none())

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].queryset = queryset if queryset is not None else User.objects.none()


class AnalyticsQueryForm(forms.Form):
    format = forms.ChoiceField(required=False, choices=[("", "html"), ("csv", "csv")])
    table = forms.SlugField(required=False, max_length=50)


def order_ids_parse(body: bytes) -> list[int]:
    """The ids of a drag-and-drop order, `{"ids": [int, …]}`; `ValidationError` for anything else."""
    try:
        data = parse_json(body or b"{}")
    except ValueError:
        raise forms.ValidationError(_("Bad request."), code="json") from None
    ids = data.get("ids", []) if isinstance(data, dict) else None
    if not isinstance(ids, list) or len(ids) > 1000:
        raise forms.ValidationError(_("Bad request."), code="ids")
    if not all((isinstance(i, int) and not isinstance(i, bool)) or (isinstance(i, str) and i.isdigit()) for i in ids):
        raise forms.ValidationError(_("Bad request."), code="ids")
    parsed = [int(i) for i in ids]
    if any(not 1 <= i <= ID_MAX for i in parsed):
        raise forms.ValidationError(_("Bad request."), code="ids")
    return parsed


class TranslationForm(forms.Form):
    """The language of a new translation, among those the course is not in yet."""

    language = forms.ChoiceField(label=_("Language of the translation"))

    def __init__(self, *args, languages: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages
