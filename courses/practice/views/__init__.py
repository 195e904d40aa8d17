"""Practice-conversation pages: record or upload a take, self-review and send it, comment at
moments of a take, and the access-checked media URL (with Range requests, so players can seek).

The upload view installs a size limit in front of Django's upload handlers before the body is
read: a file past `PRACTICE_MAX_UPLOAD_BYTES` is dropped while it streams (big files go to a
temporary file on disk, never into memory) and the page says why.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from courses.exercises import selectors as exercise_selectors
from courses.learning.models import Exercise
from courses.practice import selectors as sel
from courses.practice import services as svc
from courses.practice.forms import CommentForm, RecordingUploadForm, SendForm
from courses.practice.media import SizeLimitUploadHandler, ranged_response
from courses.practice.models import Recording, TimedComment


def _errors(form) -> list[str]:
    return [message for errors in form.errors.values() for message in errors]


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@csrf_exempt  # the CSRF check runs in `_practice_exercise`, after the size limit is in place
@login_required
def practice_exercise(request: HttpRequest, course_slug: str, exercise_slug: str) -> HttpResponse:
    limit = SizeLimitUploadHandler(request, limit=settings.PRACTICE_MAX_UPLOAD_BYTES)
    request.upload_handlers.insert(0, limit)
    return _practice_exercise(request, course_slug, exercise_slug, limit)


def _upload(request: HttpRequest, exercise: Exercise, limit: SizeLimitUploadHandler) -> Recording | list[str]:
    try:
        form = RecordingUploadForm(request.POST, request.FILES)
    except UnreadablePostError:  # the connection broke while the body was read
        return [svc.interrupted_message()]
    if limit.exceeded:
        return [svc.too_big_message()]
    if limit.interrupted:
        return [svc.interrupted_message()]
    if not form.is_valid():
        return _errors(form)
    try:
        return svc.recording_create(
            user=request.user,
            exercise=exercise,
            file=form.cleaned_data["file"],
            duration_ms=form.cleaned_data["duration_ms"],
            video=form.cleaned_data["video"],
        )
    except ValidationError as exc:
        return list(exc.messages)


@csrf_protect
def _practice_exercise(request, course_slug, exercise_slug, limit) -> HttpResponse:
    exercise = exercise_selectors.exercise_for_participant_or_404(
        user=request.user, course_slug=course_slug, exercise_slug=exercise_slug
    )
    setup = sel.conversation_for(exercise=exercise)
    if exercise.kind != Exercise.Kind.CONVERSATION or setup is None:
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        result = _upload(request, exercise, limit)
        if isinstance(result, Recording):
            if _wants_json(request):
                return JsonResponse({"ok": True, "url": result.get_absolute_url()})
            return redirect(result)
        errors = result
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": " ".join(errors)}, status=400)
    takes = sel.recordings_of(user=request.user, exercise=exercise)
    statuses = {t.submission.status for t in takes if t.submission}
    context = {
        "exercise": exercise,
        "course": exercise.course,
        "setup": setup,
        "takes": takes,
        "can_record": not statuses & {"submitted", "approved"},
        "approved": "approved" in statuses,
        "rubric": sel.rubric_of(exercise_id=exercise.pk),
        "peer_takes": sel.peer_recordings(user=request.user, exercise=exercise),
        "peer_reviews_open": exercise_selectors.peer_reviews_open_count(user=request.user, exercise_id=exercise.pk),
        "max_mb": settings.PRACTICE_MAX_UPLOAD_BYTES // (1024 * 1024),
        "errors": errors,
    }
    return render(request, "courses/practice/practice_exercise.html", context, status=400 if errors else 200)


def _comment_post(request: HttpRequest, recording: Recording) -> tuple[TimedComment | None, list[str]]:
    form = CommentForm(request.POST)
    if not form.is_valid():
        return None, _errors(form)
    data = form.cleaned_data
    try:
        comment = svc.comment_add(
            author=request.user,
            recording=recording,
            at_ms=data["at_ms"],
            text=data["text"],
            tone=data["tone"],
            criterion_id=data["criterion"],
            parent_id=data["parent"],
        )
    except ValidationError as exc:
        return None, list(exc.messages)
    return comment, []


@login_required
def recording_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recording = sel.recording_for_viewer_or_404(user=request.user, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        comment, errors = _comment_post(request, recording)
        if comment is not None:
            messages.success(request, _("Your comment was added."))
            return redirect(f"{recording.get_absolute_url()}#comment-{comment.pk}")
    rubric = sel.rubric_of(exercise_id=recording.exercise_id)
    submission = recording.submission
    context = {
        "recording": recording,
        "exercise": recording.exercise,
        "course": recording.course,
        "role": recording.viewer_role,
        "threads": sel.comment_threads(recording=recording),
        "rubric": rubric,
        "tones": TimedComment.Tone.choices,
        "errors": errors,
        "posted": request.POST if errors else {},
        # Anonymous peer review: participants see no other participant's name on this take.
        "anonymous": recording.viewer_role != sel.TRAINER
        and sel.peer_review_is_anonymous(exercise_id=recording.exercise_id),
        "can_send": recording.viewer_role == sel.OWNER and submission is None and recording.triad_id is None,
        "review_url": reverse("courses:review_detail", kwargs={"pk": submission.pk})
        if submission and recording.viewer_role == sel.TRAINER
        else "",
    }
    return render(request, "courses/practice/recording_detail.html", context, status=400 if errors else 200)


@login_required
@require_POST
def recording_send(request: HttpRequest, pk: int) -> HttpResponse:
    recording = sel.recording_for_viewer_or_404(user=request.user, pk=pk)
    if recording.viewer_role != sel.OWNER:
        raise Http404
    form = SendForm(request.POST)
    errors = _errors(form) if not form.is_valid() else []
    if not errors:
        try:
            svc.recording_submit(user=request.user, recording=recording, text=form.cleaned_data["text"])
        except ValidationError as exc:
            errors = list(exc.messages)
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(recording)
    messages.success(
        request, _("Your take was sent for review. You will get an email when your trainer has reviewed it.")
    )
    return redirect(recording)


@login_required
def recording_media(request: HttpRequest, pk: int) -> HttpResponse:
    recording = sel.recording_for_viewer_or_404(user=request.user, pk=pk)
    try:
        handle = recording.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return ranged_response(request, handle, size=recording.file_size, content_type=recording.content_type)
