"""Admin for quiz questions, answer options and rubric criteria: every write goes through the
studio's `quiz_settings_save`, `quiz_questions_save` and `rubric_criteria_save`, which edit rows in
place. Once participants have taken a quiz (or a submission has been reviewed against a
rubric), removing a question, an option or a criterion is refused: their work refers to it."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from courses.exercises.models import Option, Question, Quiz, RubricCriterion
from courses.studio import services as svc
from courses.studio.admin.refusals import RefusingDeleteMixin, refusing_formset

QUIZ_IN_USE = _(
    "Participants have already taken this quiz, so its questions and answer options cannot be removed "
    "(their answers refer to them). Edit the wording instead."
)
RUBRIC_IN_USE = _("Submissions have already been reviewed against this rubric, so its criteria cannot be removed.")


def _quiz_refusal(obj: Question | Option) -> str | None:
    question = obj if isinstance(obj, Question) else obj.question
    return str(QUIZ_IN_USE) if svc.quiz_has_attempts(question.quiz.exercise) else None


def _option_payload(option: Option) -> dict:
    return {
        "id": option.pk,
        "text": option.text,
        "correct": option.is_correct,
        "explanation": option.explanation,
        "position": option.position,
    }


def _quiz_payload(quiz: Quiz) -> dict[int, dict]:
    """The quiz as `quiz_questions_save` takes it, keyed by question id."""
    return {
        q.pk: {
            "id": q.pk,
            "text": q.text,
            "multiple": q.multiple,
            "position": q.position,
            "options": [_option_payload(o) for o in q.options.all()],
        }
        for q in quiz.questions.prefetch_related("options")
    }


def _quiz_save(quiz: Quiz, questions: list[dict]) -> None:
    questions.sort(key=lambda q: q["position"])
    svc.quiz_questions_save(exercise=quiz.exercise, questions=questions)


class QuestionInline(admin.StackedInline):
    model = Question
    formset = refusing_formset(_quiz_refusal)
    fields = ["position", "text", "multiple"]
    extra = 0
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    """Quizzes are created with their exercise in the studio and go with it."""

    list_display = ["exercise", "pass_mark", "max_attempts", "reveal_answers"]
    readonly_fields = ["exercise"]
    inlines = [QuestionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        svc.quiz_settings_save(
            exercise=obj.exercise,
            pass_mark=obj.pass_mark,
            max_attempts=obj.max_attempts,
            reveal_answers=obj.reveal_answers,
        )

    def save_formset(self, request, form, formset, change) -> None:
        quiz = form.instance
        instances = formset.save(commit=False)
        payload = _quiz_payload(quiz)
        for question in formset.deleted_objects:
            payload[question.pk]["delete"] = True
        new = []
        for question in instances:
            fields = {"text": question.text, "multiple": question.multiple, "position": question.position}
            if question.pk:
                payload[question.pk].update(fields)
            else:
                new.append({"id": None, "options": [], **fields})
        _quiz_save(quiz, [*payload.values(), *new])


class OptionInline(admin.TabularInline):
    model = Option
    formset = refusing_formset(_quiz_refusal)
    fields = ["position", "text", "is_correct", "explanation"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(RefusingDeleteMixin, admin.ModelAdmin):
    """Questions are added on their quiz's page; here their wording and options are edited."""

    list_display = ["text", "quiz", "multiple", "position"]
    readonly_fields = ["quiz"]
    fields = ["quiz", "text", "multiple"]
    inlines = [OptionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def refusal(self, obj: Question) -> str | None:
        return _quiz_refusal(obj)

    def delete_one(self, obj: Question) -> None:
        payload = _quiz_payload(obj.quiz)
        payload[obj.pk]["delete"] = True
        _quiz_save(obj.quiz, list(payload.values()))

    def save_model(self, request, obj, form, change) -> None:
        """Saved with its options in `save_formset`, in one call to the service."""

    def save_formset(self, request, form, formset, change) -> None:
        question = form.instance
        instances = formset.save(commit=False)
        options = {o.pk: _option_payload(o) for o in question.options.all()}
        for option in formset.deleted_objects:
            options.pop(option.pk)
        for option in instances:
            entry = _option_payload(option)
            options[option.pk or f"new-{len(options)}"] = entry
        payload = _quiz_payload(question.quiz)
        payload[question.pk].update(
            text=question.text,
            multiple=question.multiple,
            options=sorted(options.values(), key=lambda o: o["position"]),
        )
        _quiz_save(question.quiz, list(payload.values()))


def _criteria_payload(exercise) -> dict[int, dict]:
    return {
        c.pk: {
            "id": c.pk,
            "name": c.name,
            "description": c.description,
            "max_score": c.max_score,
            "position": c.position,
        }
        for c in RubricCriterion.objects.filter(exercise=exercise)
    }


@admin.register(RubricCriterion)
class RubricCriterionAdmin(RefusingDeleteMixin, admin.ModelAdmin):
    """Criteria are added in the studio's rubric editor; here they are edited or removed."""

    list_display = ["name", "exercise", "max_score", "position"]
    readonly_fields = ["exercise"]
    fields = ["exercise", "name", "description", "max_score", "position"]

    def has_add_permission(self, request) -> bool:
        return False

    def refusal(self, obj: RubricCriterion) -> str | None:
        return str(RUBRIC_IN_USE) if svc.assignment_has_reviews(obj.exercise) else None

    def delete_one(self, obj: RubricCriterion) -> None:
        criteria = _criteria_payload(obj.exercise)
        criteria[obj.pk]["delete"] = True
        svc.rubric_criteria_save(exercise=obj.exercise, criteria=list(criteria.values()))

    def save_model(self, request, obj, form, change) -> None:
        criteria = _criteria_payload(obj.exercise)
        criteria[obj.pk].update(
            name=obj.name, description=obj.description, max_score=obj.max_score, position=obj.position
        )
        svc.rubric_criteria_save(exercise=obj.exercise, criteria=list(criteria.values()))
