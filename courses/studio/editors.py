"""The studio's editors of a kind's own details, keyed by kind (the kinds themselves are listed
once, in `courses.exercises.kinds`).

An editor is a list of forms and formsets for the exercise editor page, each with a distinct
``prefix``, rendered with ``{{ form }}``. Each parses its part of the kind's details
(`details()`); the studio's `exercise_update` hands the merged details to the kind's writer.
Plain forms and formsets: no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from courses.exercises.details import MAX_CRITERIA, MAX_QUESTIONS
from courses.exercises.models import Conversation, PeerReviewSetup, Quiz, QuizAttempt, RubricCriterion
from courses.learning.models import Exercise


class ProjectTemplateFormSet(forms.BaseFormSet):
    """A formset drawn with a template from the project's templates/ (the form renderer only sees apps)."""

    def render(self, template_name=None, context=None, renderer=None):
        return mark_safe(render_to_string(template_name or self.template_name, context or self.get_context()))

    __str__ = render
    __html__ = render


QUIZ_MAX_OPTIONS = 10


class QuizSettingsForm(forms.Form):
    pass_mark = forms.IntegerField(
        label=_("Pass mark (percent)"), min_value=1, max_value=100, initial=70, help_text=_("From 1 to 100.")
    )
    max_attempts = forms.IntegerField(
        label=_("Maximum attempts"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Leave empty for unlimited attempts."),
    )
    reveal_answers = forms.ChoiceField(
        label=_("Show the correct answers"),
        choices=Quiz.RevealAnswers.choices,
        initial=Quiz.RevealAnswers.AFTER_PASS,
        required=False,  # not sent: the quiz keeps its setting
        help_text=_(
            "Before that, the result shows which questions were wrong and the explanations of the chosen answers. "
            "Showing the correct answers after a failed attempt lets a participant pass by copying."
        ),
    )

    def __init__(self, *args, exercise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise

    def details(self) -> dict:
        return {
            "pass_mark": self.cleaned_data["pass_mark"],
            "max_attempts": self.cleaned_data["max_attempts"],
            "reveal_answers": self.cleaned_data["reveal_answers"] or None,
        }


class QuestionForm(forms.Form):
    """One question with a fixed number of answer slots; an empty slot is no option."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    multiple = forms.BooleanField(label=_("Several answers may be correct (multiple choice)"), required=False)

    def __init__(self, *args, slots: int = 4, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for i in range(1, slots + 1):
            self.fields[f"o{i}_id"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.fields[f"o{i}_text"] = forms.CharField(
                label=_("Answer %(n)s") % {"n": i}, required=False, max_length=1000
            )
            self.fields[f"o{i}_correct"] = forms.BooleanField(
                label=_("Answer %(n)s is correct") % {"n": i}, required=False
            )
            self.fields[f"o{i}_explanation"] = forms.CharField(
                label=_("Explanation for answer %(n)s") % {"n": i},
                required=False,
                max_length=2000,
                help_text=_("Shown after the attempt (optional)."),
            )

    def option_rows(self):
        """Bound fields grouped per answer slot, for the template."""
        return [
            [self[f"o{i}_id"], self[f"o{i}_text"], self[f"o{i}_correct"], self[f"o{i}_explanation"]]
            for i in range(1, self.slots + 1)
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        options = []
        for i in range(1, self.slots + 1):
            text = (data.get(f"o{i}_text") or "").strip()
            if not text:
                if data.get(f"o{i}_correct") or (data.get(f"o{i}_explanation") or "").strip():
                    self.add_error(f"o{i}_text", _("Write the answer, or clear its “correct” box and explanation."))
                options.append({"id": data.get(f"o{i}_id"), "text": ""})
                continue
            options.append(
                {
                    "id": data.get(f"o{i}_id"),
                    "text": text,
                    "correct": bool(data.get(f"o{i}_correct")),
                    "explanation": (data.get(f"o{i}_explanation") or "").strip(),
                }
            )
        filled = [o for o in options if o["text"]]
        if len(filled) < 2:
            raise forms.ValidationError(_("A question needs at least two answer options."), code="options")
        correct = sum(1 for o in filled if o["correct"])
        if not data.get("multiple") and correct > 1:
            raise forms.ValidationError(
                _("A single-choice question has exactly one correct answer; tick “multiple choice” or untick one."),
                code="single",
            )
        data["options"] = options
        return data


class BaseQuestionFormSet(ProjectTemplateFormSet):
    template_name = "courses/studio/includes/studio_quiz_questions.html"

    def __init__(self, *args, exercise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise

    def details(self) -> dict:
        questions = []
        for form in self.forms:
            if not form.has_changed() and not form.cleaned_data.get("id"):
                continue  # the blank "new question" form
            delete = self._should_delete_form(form)
            if delete and not form.cleaned_data.get("id"):
                continue
            questions.append(
                {
                    "id": form.cleaned_data.get("id"),
                    "delete": delete,
                    "text": (form.cleaned_data.get("text") or "").strip(),
                    "multiple": form.cleaned_data.get("multiple", False),
                    "options": form.cleaned_data.get("options", []),
                }
            )
        return {"questions": questions}


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_QUESTIONS,
    # A posted TOTAL_FORMS never builds more forms than a quiz may have (Django's default allows
    # 1,000 more: rendering them back took seconds per request).
    absolute_max=MAX_QUESTIONS,
    validate_max=True,
)


def quiz_editor_forms(exercise, data=None, files=None) -> list:
    """Settings form + question formset, bound to POST data or filled from the database (three queries)."""
    quiz = Quiz.objects.filter(exercise=exercise).first()
    questions = list(quiz.questions.prefetch_related("options")) if quiz else []
    settings_form = QuizSettingsForm(
        data,
        prefix="quiz",
        exercise=exercise,
        initial={"pass_mark": quiz.pass_mark, "max_attempts": quiz.max_attempts, "reveal_answers": quiz.reveal_answers}
        if quiz
        else None,
    )
    initial = []
    for q in questions:
        row = {"id": q.pk, "text": q.text, "multiple": q.multiple}
        for i, o in enumerate(q.options.all(), start=1):
            row |= {
                f"o{i}_id": o.pk,
                f"o{i}_text": o.text,
                f"o{i}_correct": o.is_correct,
                f"o{i}_explanation": o.explanation,
            }
        initial.append(row)
    most = max([len(q.options.all()) for q in questions] + [3])
    slots = min(max(most + 1, 4), QUIZ_MAX_OPTIONS)
    formset = QuestionFormSet(
        data, prefix="questions", initial=initial, exercise=exercise, form_kwargs={"slots": slots}
    )
    # Once participants have answered, questions and options may be reworded but not removed.
    formset.attempted = quiz is not None and QuizAttempt.objects.filter(exercise=exercise).exists()
    return [settings_form, formset]


class CriterionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_score = forms.IntegerField(
        label=_("Maximum score"),
        min_value=1,
        max_value=100,
        initial=4,
        error_messages={"min_value": _("The maximum score must be at least 1.")},
    )
    position = forms.IntegerField(
        label=_("Position"), min_value=0, required=False, help_text=_("Lower numbers come first.")
    )


class BaseCriterionFormSet(ProjectTemplateFormSet):
    template_name = "courses/studio/includes/studio_rubric.html"

    def __init__(self, *args, exercise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise

    def details(self) -> dict:
        rows = []
        for n, form in enumerate(self.forms, start=1):
            if not form.has_changed() and not form.cleaned_data.get("id"):
                continue
            delete = self._should_delete_form(form)
            if delete and not form.cleaned_data.get("id"):
                continue
            position = form.cleaned_data.get("position")
            rows.append(
                {
                    "id": form.cleaned_data.get("id"),
                    "delete": delete,
                    "name": (form.cleaned_data.get("name") or "").strip(),
                    "description": (form.cleaned_data.get("description") or "").strip(),
                    "max_score": form.cleaned_data.get("max_score"),
                    # Without a position a criterion keeps its place in the list.
                    "sort": (position if position is not None else n * 10, n),
                }
            )
        rows.sort(key=lambda r: r.pop("sort"))
        for pos, row in enumerate(rows, start=1):
            row["position"] = pos * 10
        return {"rubric": rows}


CriterionFormSet = forms.formset_factory(
    CriterionForm,
    formset=BaseCriterionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_CRITERIA,
    absolute_max=MAX_CRITERIA,
    validate_max=True,
)


class PeerReviewForm(forms.Form):
    enabled = forms.BooleanField(label=_("Peer review: participants review each other's work"), required=False)
    reviewers = forms.IntegerField(
        label=_("Peer reviews per submission"), min_value=1, max_value=5, initial=2, required=False
    )
    anonymous = forms.BooleanField(label=_("Anonymous in both directions"), required=False, initial=True)
    days = forms.IntegerField(
        label=_("Days to review"),
        min_value=1,
        max_value=60,
        initial=7,
        required=False,
        help_text=_("A reviewer who has not reviewed by then is replaced. Peer reviews never replace your decision."),
    )

    def __init__(self, *args, exercise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            "peer_review": {
                "reviewers": (data["reviewers"] or 2) if data["enabled"] else None,
                "anonymous": data["anonymous"],
                "days": data["days"] or 7,
            }
        }


def rubric_editor_forms(exercise, data=None, files=None) -> list:
    """The rubric criteria formset and the peer review settings (two queries)."""
    initial = [
        {"id": c.pk, "name": c.name, "description": c.description, "max_score": c.max_score, "position": c.position}
        for c in RubricCriterion.objects.filter(exercise=exercise).order_by("position", "id")
    ]
    setup = PeerReviewSetup.objects.filter(exercise=exercise).first()
    peer = (
        {"enabled": True, "reviewers": setup.reviewers, "anonymous": setup.anonymous, "days": setup.days}
        if setup
        else None
    )
    return [
        PeerReviewForm(data, prefix="peer", initial=peer, exercise=exercise),
        CriterionFormSet(data, prefix="rubric", initial=initial, exercise=exercise),
    ]


class ConversationSettingsForm(forms.Form):
    scenario = forms.CharField(
        label=_("Scenario for the coach"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the coach knows before the conversation starts."),
    )
    role_card = forms.CharField(
        label=_("Role card for the coachee"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the coachee sees it, never the coach. Example: You are a rep with a thin pipeline "
            "who says the market is the problem."
        ),
    )
    max_minutes = forms.IntegerField(label=_("Maximum length (minutes)"), min_value=1, max_value=60, initial=10)
    peer_comments = forms.BooleanField(
        label=_("Peers of the same group may watch and comment"), required=False, initial=False
    )

    def __init__(self, *args, exercise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise

    def details(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("scenario", "role_card", "max_minutes", "peer_comments")}


def conversation_editor_forms(exercise, data=None, files=None) -> list:
    """The scenario, role card and limits, then the rubric formset (two queries)."""
    setup = Conversation.objects.filter(exercise=exercise).first()
    initial = (
        {"scenario": setup.scenario, "role_card": setup.role_card, "max_minutes": setup.max_minutes}
        | {"peer_comments": setup.peer_comments}
        if setup
        else None
    )
    settings_form = ConversationSettingsForm(data, prefix="conversation", initial=initial, exercise=exercise)
    return [settings_form, *rubric_editor_forms(exercise, data, files)]


EDITORS: dict[str, Callable[..., list]] = {
    Exercise.Kind.CONVERSATION: conversation_editor_forms,
    Exercise.Kind.QUIZ: quiz_editor_forms,
    Exercise.Kind.ASSIGNMENT: rubric_editor_forms,
}


def kind_editor_forms(exercise: Exercise, data=None, files=None) -> list:
    """The editor forms of the exercise's kind; none for a kind whose data is only the common fields."""
    editor = EDITORS.get(exercise.kind)
    return editor(exercise, data, files) if editor else []


def kind_editor_details(editor_forms: list) -> dict:
    """The kind's details parsed by its (valid) editor forms, merged."""
    details: dict = {}
    for form in editor_forms:
        details |= form.details()
    return details
