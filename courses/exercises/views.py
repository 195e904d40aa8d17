"""Exercise pages (one per exercise, any kind), the trainer review queue and file downloads.

`exercise_detail` asks the table of kinds (`courses.exercises.kinds`) for the exercise's
participant partial and page hook: the hook returns extra context (or a response, e.g. a
redirect after POST). A kind without a hook only renders its partial (GET; POST is refused
with 405), and a kind without an entry shows the placeholder partial.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.exercises import selectors as sel
from courses.exercises import services as svc
from courses.exercises.forms import (
    DraftForm,
    HelpfulForm,
    ReflectionFilterForm,
    ReviewForm,
    ReviewQueueFilterForm,
    form_errors,
    validation_errors,
)
from courses.exercises.kinds import exercise_kind
from courses.exercises.models import Review, Submission
from courses.learning.models import Enrollment, Exercise
from courses.learning.selectors import course_for_trainer_or_404, progress_for_enrollments

# --- Pages ---------------------------------------------------------------------------


@login_required
def exercise_detail(request: HttpRequest, course_slug: str, exercise_slug: str) -> HttpResponse:
    exercise = sel.exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    kind = exercise_kind(exercise.kind)
    hook = kind.page
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
        "kind_template": kind.template,
        **extra,
    }
    return render(
        request, "courses/exercises/exercise_detail.html", context, status=400 if extra.get("errors") else 200
    )


@login_required
@require_POST
def exercise_draft(request: HttpRequest, course_slug: str, exercise_slug: str) -> HttpResponse:
    """Autosave of a reflection draft (fetch POST from exercises.js). JSON in, JSON out.

    A late autosave of a reflection that was just submitted (the browser sent it while the form
    was being submitted) is not an error: nothing is saved, the answer says so with 200."""
    exercise = sel.exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    if exercise.kind != Exercise.Kind.REFLECTION:
        raise Http404
    form = DraftForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "error": " ".join(form_errors(form))}, status=400)
    try:
        response = svc.reflection_save_draft(user=request.user, exercise=exercise, text=form.cleaned_data["text"])
    except ValidationError as exc:
        if any(error.code == "submitted" for error in exc.error_list):
            return JsonResponse({"ok": True, "submitted": True, "saved_at": None})
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "submitted": False, "saved_at": response.updated_at.isoformat()})


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
    course_id, state, page_number = ReviewQueueFilterForm(request.GET).filters()
    page = Paginator(sel.review_queue(user=request.user, course_id=course_id, state=state), 25).get_page(page_number)
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


def _review_post(request: HttpRequest, submission: Submission, form: ReviewForm) -> list[str]:
    if not form.is_valid():
        return form_errors(form)
    try:
        svc.review_submit(
            reviewer=request.user,
            submission=submission,
            decision=form.cleaned_data["decision"],
            feedback=form.cleaned_data["feedback"],
            scores=form.scores(),
        )
    except ValidationError as exc:
        return validation_errors(exc)
    return []


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = sel.submission_for_reviewer_or_404(user=request.user, pk=pk)
    rubric = sel.rubric_for(exercise_id=submission.exercise_id)
    errors: list[str] = []
    posted: dict[str, str] = {}
    if request.method == "POST":
        form = ReviewForm(request.POST, rubric=rubric)
        errors = _review_post(request, submission, form)
        if not errors:
            messages.success(request, _("Your review has been saved and the participant will be notified."))
            return redirect("courses:review_queue")
        posted = form.posted()
    history = sel.submission_history(user_id=submission.user_id, exercise_id=submission.exercise_id)
    sel.attach_scores(submissions=history, rubric=rubric)
    sel.attach_peer_reviews(submissions=[submission, *history], rubric=rubric)
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
    filters = ReflectionFilterForm(request.GET)
    filters.is_valid()  # cleaned_data keeps the valid fields; a bad filter is ignored
    wanted = filters.cleaned_data.get("exercise")
    exercise_id = wanted if wanted in {e.pk for e in exercises} else None
    page = Paginator(sel.course_reflections(course=course, exercise_id=exercise_id), 25).get_page(
        filters.cleaned_data.get("page")
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


# --- Peer review -------------------------------------------------------------------------------


@login_required
def peer_review_list(request: HttpRequest) -> HttpResponse:
    reviews = sel.peer_reviews_to_do(user=request.user)
    return render(request, "courses/exercises/peer_review_list.html", {"reviews": reviews})


@login_required
def peer_review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = sel.peer_review_for_reviewer_or_404(user=request.user, pk=pk)
    if review.status == review.Status.EXPIRED:
        raise Http404
    rubric = sel.rubric_for(exercise_id=review.submission.exercise_id)
    errors: list[str] = []
    form = ReviewForm(request.POST if request.method == "POST" else None, rubric=rubric)
    if request.method == "POST":
        errors = form_errors(form) if not form.is_valid() else []
        if not errors:
            try:
                svc.peer_review_submit(
                    reviewer=request.user,
                    peer_review=review,
                    scores=form.scores(),
                    feedback=form.cleaned_data["feedback"],
                )
            except ValidationError as exc:
                errors = validation_errors(exc)
            else:
                messages.success(request, _("Thank you: your peer review was saved."))
                return redirect("courses:peer_review_list")
    posted = form.posted() if errors else {}
    for c in rubric:
        c.posted = posted.get(f"score_{c.pk}", "")
        c.choices = range(0, c.max_score + 1)
    setup = getattr(review.submission.exercise, "peer_review_setup", None)
    context = {
        "review": review,
        "submission": review.submission,
        "rubric": rubric,
        "errors": errors,
        "posted": posted,
        "anonymous": setup is None or setup.anonymous,
    }
    return render(request, "courses/exercises/peer_review_detail.html", context, status=400 if errors else 200)


@login_required
@require_POST
def peer_review_rate(request: HttpRequest, pk: int) -> HttpResponse:
    review = sel.peer_review_for_author_or_404(user=request.user, pk=pk)
    form = HelpfulForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the review helped."))
    else:
        try:
            svc.peer_review_rate(user=request.user, peer_review=review, helpful=form.cleaned_data["helpful"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you for rating the review."))
    return redirect(review.submission.exercise.get_absolute_url())
