"""The participant's part of the exercise page, per kind (`courses.exercises.kinds` lists them).

A page hook gets the request and the exercise and returns extra context for the kind's
partial, or a response (a redirect after a successful POST). Input is parsed by the forms in
`courses.exercises.forms`; a form that cannot be read gives errors (the page answers 400).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.exercises import selectors as sel
from courses.exercises import services as svc
from courses.exercises.forms import (
    AttemptQueryForm,
    QuizAnswersForm,
    ReflectionForm,
    SubmissionForm,
    form_errors,
    validation_errors,
)
from courses.exercises.models import Quiz, Submission
from courses.learning.models import Exercise

PageHook = Callable[[HttpRequest, Exercise], "dict[str, Any] | HttpResponse"]


def quiz_reveals_answers(state) -> bool:
    """Whether the result may show the correct options: by the quiz's setting, by default only once
    the participant has passed or has no attempts left (else the quiz could be passed by copying)."""
    if state.quiz is None or state.quiz.reveal_answers == Quiz.RevealAnswers.NEVER:
        return False
    if state.quiz.reveal_answers == Quiz.RevealAnswers.ALWAYS:
        return True
    return bool(state.best and state.best.passed) or state.attempts_left == 0


def _quiz_result(request: HttpRequest, state) -> tuple[Any, list[dict]]:
    """The attempt named in `?attempt=` (the user's own only) and its per-question review.

    Each row has `options` (every option, for a result that reveals the answers) and `chosen`
    (only the participant's own options: the result shows those, with their explanations)."""
    query = AttemptQueryForm(request.GET)
    attempt_id = query.cleaned_data.get("attempt") if query.is_valid() else None
    result = next((a for a in state.attempts if a.pk == attempt_id), None) if attempt_id else None
    review_rows = []
    if result is not None:
        picked = result.chosen_ids()
        for q in state.questions:
            options = [(o, o.pk in picked) for o in q.options.all()]
            right = {o.pk for o in q.options.all() if o.is_correct} == {o.pk for o, c in options if c}
            chosen = [o for o, c in options if c]
            review_rows.append({"question": q, "options": options, "chosen": chosen, "right": right})
    return result, review_rows


def quiz_page(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    chosen: dict[int, set[int]] = {}
    errors: list[str] = []
    if request.method == "POST":
        form = QuizAnswersForm(request.POST)
        form.is_valid()
        try:
            attempt = svc.quiz_submit(user=request.user, exercise=exercise, answers=form.cleaned_data["answers"])
        except ValidationError as exc:
            errors = validation_errors(exc)
            chosen = form.chosen()
        else:
            if attempt.passed:
                messages.success(request, _("You passed with %(score)s%%.") % {"score": attempt.score})
            else:
                messages.warning(request, _("You scored %(score)s%%. Not passed yet.") % {"score": attempt.score})
            return redirect(f"{exercise.get_absolute_url()}?attempt={attempt.pk}")
    state = sel.quiz_state(user=request.user, exercise=exercise)
    result, review_rows = _quiz_result(request, state)
    for q in state.questions:
        q.chosen = chosen.get(q.pk, set())
    return {
        "quiz": state,
        "result": result,
        "review_rows": review_rows,
        "reveal": quiz_reveals_answers(state),
        "errors": errors,
    }


def _reflection_post(request: HttpRequest, exercise: Exercise, form: ReflectionForm) -> list[str]:
    if not form.is_valid():
        return form_errors(form)
    try:
        if form.is_submit():
            svc.reflection_submit(user=request.user, exercise=exercise, text=form.cleaned_data["text"])
            messages.success(request, _("Your reflection has been submitted."))
        else:
            svc.reflection_save_draft(user=request.user, exercise=exercise, text=form.cleaned_data["text"])
            messages.success(request, _("Your draft has been saved."))
    except ValidationError as exc:
        return validation_errors(exc)
    return []


def reflection_page(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    errors: list[str] = []
    text = None
    if request.method == "POST":
        form = ReflectionForm(request.POST)
        errors = _reflection_post(request, exercise, form)
        if not errors:
            return redirect(exercise.get_absolute_url())
        text = form.cleaned_data.get("text", "")
    response = sel.reflection_for(user=request.user, exercise=exercise)
    return {
        "reflection": response,
        "reflection_text": text if text is not None else (response.text if response else ""),
        "errors": errors,
        "answer_max": svc.ANSWER_MAX_CHARS,
        "draft_url": reverse(
            "courses:exercise_draft", kwargs={"course_slug": exercise.course.slug, "exercise_slug": exercise.slug}
        ),
    }


def _assignment_post(request: HttpRequest, exercise: Exercise, form: SubmissionForm) -> list[str]:
    if not form.is_valid():
        return form_errors(form)
    try:
        svc.submission_create(
            user=request.user, exercise=exercise, text=form.cleaned_data["text"], file=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        return validation_errors(exc)
    messages.success(request, _("Your work has been submitted. Your trainer will review it."))
    return []


def assignment_page(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    errors: list[str] = []
    text = ""
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES)
        errors = _assignment_post(request, exercise, form)
        if not errors:
            return redirect(exercise.get_absolute_url())
        text = form.cleaned_data.get("text", "")
    rubric = sel.rubric_for(exercise_id=exercise.pk)
    history = sel.submission_history(user_id=request.user.pk, exercise_id=exercise.pk)
    sel.attach_scores(submissions=history, rubric=rubric)
    sel.attach_peer_reviews(submissions=history, rubric=rubric)
    latest = history[0] if history else None
    can_submit = latest is None or latest.status == Submission.Status.NEEDS_REVISION
    if not text and latest is not None and latest.status == Submission.Status.NEEDS_REVISION:
        text = latest.text
    return {
        "rubric": rubric,
        "history": history,
        "latest": latest,
        "can_submit": can_submit,
        "submission_text": text,
        "errors": errors,
        "answer_max": svc.ANSWER_MAX_CHARS,
        "peer_reviews_open": sel.peer_reviews_open_count(user=request.user, exercise_id=exercise.pk),
    }
