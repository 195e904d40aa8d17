"""Exercise pages (one per exercise, any kind), the trainer review queue and file downloads.

`exercise_detail` dispatches by kind: a *kind hook* returns extra context (or a response,
e.g. a redirect after POST) and the page includes `courses/<area>/includes/exercise_<kind>.html`.
Quiz, reflection and assignment hooks live here. Other kinds (plan, practice_log) plug in
from their own module listed in KIND_HOOK_MODULES, with `@register_exercise_kind("plan")`.
A kind without a hook only renders its partial (GET; POST is refused with 405), and a kind
without a partial shows `courses/exercises/includes/exercise_placeholder.html`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.exercises import selectors as sel
from courses.exercises import services as svc
from courses.exercises.forms import AnswerForm, ReviewForm, form_messages
from courses.exercises.models import Review, Submission
from courses.learning.models import Enrollment, Exercise
from courses.learning.selectors import course_for_trainer_or_404, progress_for_enrollments
from lms.parsing import parse_id

KindHook = Callable[[HttpRequest, Exercise], "dict[str, Any] | HttpResponse"]
KIND_HOOKS: dict[str, KindHook] = {}
# Modules that register hooks for further kinds; missing modules are skipped.
KIND_HOOK_MODULES: list[str] = []


def register_exercise_kind(kind: str) -> Callable[[KindHook], KindHook]:
    def decorator(hook: KindHook) -> KindHook:
        KIND_HOOKS[kind] = hook
        return hook

    return decorator


def _kind_hook(kind: str) -> KindHook | None:
    if kind not in KIND_HOOKS:
        for module in KIND_HOOK_MODULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
    return KIND_HOOKS.get(kind)


def _kind_template(kind: str) -> str:
    """The kind's partial, or a placeholder for a kind that has none yet."""
    names = [
        f"courses/exercises/includes/exercise_{kind}.html",
        f"courses/followup/includes/exercise_{kind}.html",
        "courses/exercises/includes/exercise_placeholder.html",
    ]
    return select_template(names).template.name


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- Kind hooks --------------------------------------------------------------------


@register_exercise_kind(Exercise.Kind.QUIZ)
def _quiz(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    chosen: dict[int, set[int]] = {}
    errors: list[str] = []
    if request.method == "POST":
        answers = {
            key[2:]: request.POST.getlist(key) for key in request.POST if key.startswith("q_") and key[2:].isdigit()
        }
        try:
            attempt = svc.quiz_submit(user=request.user, exercise=exercise, answers=answers)
        except ValidationError as exc:
            errors = _errors(exc)
            for key, values in answers.items():
                chosen[int(key)] = {parse_id(v) for v in values} - {None}
        else:
            if attempt.passed:
                messages.success(request, _("You passed with %(score)s%%.") % {"score": attempt.score})
            else:
                messages.warning(request, _("You scored %(score)s%%. Not passed yet.") % {"score": attempt.score})
            return redirect(f"{exercise.get_absolute_url()}?attempt={attempt.pk}")
    state = sel.quiz_state(user=request.user, exercise=exercise)
    result = None
    attempt_id = parse_id(request.GET.get("attempt"))
    if attempt_id is not None:
        result = next((a for a in state.attempts if a.pk == attempt_id), None)
    review_rows = []
    if result is not None:
        picked = result.chosen_ids()
        for q in state.questions:
            options = [(o, o.pk in picked) for o in q.options.all()]
            right = {o.pk for o in q.options.all() if o.is_correct} == {o.pk for o, c in options if c}
            review_rows.append({"question": q, "options": options, "right": right})
    for q in state.questions:
        q.chosen = chosen.get(q.pk, set())
    return {"quiz": state, "result": result, "review_rows": review_rows, "errors": errors}


@register_exercise_kind(Exercise.Kind.REFLECTION)
def _reflection(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    errors: list[str] = []
    text = None
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and not form.is_valid():
        errors, text = form_messages(form), ""
    elif form.is_bound:
        text, action = form.cleaned_data["text"], form.cleaned_data["action"] or "draft"
        try:
            if action == "submit":
                svc.reflection_submit(user=request.user, exercise=exercise, text=text)
                messages.success(request, _("Your reflection has been submitted."))
            else:
                svc.reflection_save_draft(user=request.user, exercise=exercise, text=text)
                messages.success(request, _("Your draft has been saved."))
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            return redirect(exercise.get_absolute_url())
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


@register_exercise_kind(Exercise.Kind.ASSIGNMENT)
def _assignment(request: HttpRequest, exercise: Exercise) -> dict[str, Any] | HttpResponse:
    errors: list[str] = []
    text = ""
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and not form.is_valid():
        errors = form_messages(form)
    elif form.is_bound:
        text = form.cleaned_data["text"]
        try:
            svc.submission_create(
                user=request.user, exercise=exercise, text=text, file=request.FILES.get("file") or None
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Your work has been submitted. Your trainer will review it."))
            return redirect(exercise.get_absolute_url())
    rubric = sel.rubric_for(exercise_id=exercise.pk)
    history = sel.submission_history(user_id=request.user.pk, exercise_id=exercise.pk)
    sel.attach_scores(submissions=history, rubric=rubric)
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
    }


# --- Pages ---------------------------------------------------------------------------


@login_required
def exercise_detail(request: HttpRequest, course_slug: str, exercise_slug: str) -> HttpResponse:
    exercise = sel.exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    hook = _kind_hook(exercise.kind)
    if request.method == "POST" and hook is None:
        return HttpResponse(status=405)
    extra = hook(request, exercise) if hook else {}
    if isinstance(extra, HttpResponse):
        return extra
    enrollment = (
        Enrollment.objects.filter(user=request.user, course_id=exercise.course_id)
        .exclude(status=Enrollment.Status.CANCELLED)
        .first()
    )
    progress = progress_for_enrollments([enrollment])[enrollment.pk] if enrollment else None
    completed = exercise.completions.filter(user=request.user).exists()
    context = {
        "exercise": exercise,
        "course": exercise.course,
        "progress": progress,
        "completed": completed,
        "kind_template": _kind_template(exercise.kind),
        **extra,
    }
    return render(
        request, "courses/exercises/exercise_detail.html", context, status=400 if extra.get("errors") else 200
    )


@login_required
@require_POST
def exercise_draft(request: HttpRequest, course_slug: str, exercise_slug: str) -> HttpResponse:
    """Autosave of a reflection draft (fetch POST from exercises.js). JSON in, JSON out."""
    exercise = sel.exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    if exercise.kind != Exercise.Kind.REFLECTION:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "error": " ".join(form_messages(form))}, status=400)
    try:
        response = svc.reflection_save_draft(user=request.user, exercise=exercise, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "saved_at": response.updated_at.isoformat()})


@login_required
def submission_file(request: HttpRequest, pk: int) -> HttpResponse:
    submission = sel.submission_for_viewer_or_404(user=request.user, pk=pk)
    if not submission.file:
        raise Http404
    response = FileResponse(
        submission.file.open("rb"),
        as_attachment=True,
        filename=submission.file_name or "submission",
        content_type=submission.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not sel.user_reviews(user=request.user):
        raise PermissionDenied
    courses = sel.review_queue_courses(user=request.user)
    course_id = parse_id(request.GET.get("course"))
    state = request.GET.get("state", Submission.Status.SUBMITTED)
    if state not in {*Submission.Status.values, "all"}:
        state = Submission.Status.SUBMITTED
    page = Paginator(sel.review_queue(user=request.user, course_id=course_id, state=state), 25).get_page(
        request.GET.get("page")
    )
    query = "&".join(f"{k}={v}" for k, v in (("course", course_id or ""), ("state", state)) if v)
    return render(
        request,
        "courses/exercises/review_queue.html",
        {
            "page": page,
            "courses": courses,
            "course_id": course_id,
            "state": state,
            "states": Submission.Status.choices,
            "query": query,
        },
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = sel.submission_for_reviewer_or_404(user=request.user, pk=pk)
    rubric = sel.rubric_for(exercise_id=submission.exercise_id)
    errors: list[str] = []
    posted: dict[str, str] = {}
    form = ReviewForm(request.POST if request.method == "POST" else None, rubric=rubric)
    if form.is_bound and not form.is_valid():
        errors = form_messages(form)
    elif form.is_bound:
        posted = {k: v for k, v in form.cleaned_data.items() if v}
        try:
            svc.review_submit(
                reviewer=request.user,
                submission=submission,
                decision=form.cleaned_data["decision"],
                feedback=form.cleaned_data["feedback"],
                scores=form.scores(),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Your review has been saved and the participant will be notified."))
            return redirect("courses:review_queue")
    history = sel.submission_history(user_id=submission.user_id, exercise_id=submission.exercise_id)
    sel.attach_scores(submissions=history, rubric=rubric)
    for c in rubric:
        c.posted = posted.get(f"score_{c.pk}", "")
        c.choices = range(0, c.max_score + 1)
    return render(
        request,
        "courses/exercises/review_detail.html",
        {
            "submission": submission,
            "history": history,
            "rubric": rubric,
            "errors": errors,
            "posted": posted,
            "decisions": Review.Decision.choices,
            "can_review": submission.status == Submission.Status.SUBMITTED,
        },
        status=400 if errors else 200,
    )


@login_required
def trainer_reflections(request: HttpRequest, slug: str) -> HttpResponse:
    """Submitted reflections of a course the user teaches, per exercise, paginated.

    Trainers of the course and staff only (404 for everyone else, organization admins included).
    """
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    exercises = sel.course_reflection_exercises(course=course)
    exercise_id = parse_id(request.GET.get("exercise"))
    exercise_id = exercise_id if exercise_id in {e.pk for e in exercises} else None
    page = Paginator(sel.course_reflections(course=course, exercise_id=exercise_id), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "courses/exercises/reflection_list.html",
        {
            "course": course,
            "exercises": exercises,
            "exercise_id": exercise_id,
            "page": page,
            "query": f"exercise={exercise_id}" if exercise_id else "",
        },
    )
