"""The trainer studio. Every view resolves its course with `course_for_trainer_or_404`.

Anonymous users are sent to log in; a user who teaches nothing gets 403 on the studio
home and 404 on any course they do not teach (the course's existence is not revealed).
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.learning.models import Course, Exercise, Lesson, LessonAttachment, Module
from courses.learning.selectors import course_for_trainer_or_404
from courses.studio import exchange, forms
from courses.studio import selectors as sel
from courses.studio import services as svc
from courses.studio.kinds import kind_entry
from courses.studio.markdown import markdown_guard
from lms.parsing import parse_json
from lms.richtext import markdown_render


def studio_access(view):
    """Logged in, and a trainer or staff member."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_trainer or request.user.is_staff):
            # A participant cannot learn whether a course exists: 404 on course URLs.
            if "slug" in kwargs:
                raise Http404
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _edit_url(course: Course) -> str:
    return redirect("courses:studio_course_edit", slug=course.slug).url


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _add_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


# --- home, course ------------------------------------------------------------------------------


@studio_access
def studio_home(request):
    courses = list(sel.studio_courses(user=request.user))
    pending = sel.pending_review_counts([c.pk for c in courses])
    for course in courses:
        course.pending_reviews = pending.get(course.pk, 0)
    return render(request, "courses/studio/studio_home.html", {"courses": courses})


@studio_access
def studio_course_create(request):
    form = forms.CourseForm(request.POST or None, initial={"language": request.user.language or "en"})
    if request.method == "POST" and form.is_valid():
        try:
            course = svc.course_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, _("The course was created as a draft."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_course_form.html", {"form": form})


@studio_access
def studio_course_edit(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    initial = {key: getattr(course, key) for key in svc.COURSE_FIELDS} | {"version": course.version}
    form = forms.CourseEditForm(request.POST or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            course = svc.course_update(course=course, expected_version=version, **data)
        except svc.EditConflict as exc:
            conflict = True
            course.refresh_from_db()
            form = _conflict_form(forms.CourseEditForm, request.POST, exc.current_version)
            messages.error(request, _("Someone else changed this course; your text is kept below."))
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(
        request,
        "courses/studio/studio_course_edit.html",
        {"course": course, "form": form, "conflict": conflict, "outline": sel.studio_outline(course=course)},
    )


def _conflict_form(form_class, data, current_version: int):
    """The trainer's own text, bound again, carrying the current version: saving again is a deliberate overwrite."""
    data = data.copy()
    data["version"] = current_version
    form = form_class(data)
    form.is_valid()
    return form


@studio_access
@require_POST
def studio_course_status(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    action = request.POST.get("action")
    status = {"publish": Course.Status.PUBLISHED, "unpublish": Course.Status.DRAFT, "archive": Course.Status.ARCHIVED}
    if action not in status:
        messages.error(request, _("Unknown action."))
        return redirect("courses:studio_course_edit", slug=course.slug)
    try:
        svc.course_status_set(course=course, status=status[action])
    except ValidationError as exc:
        if action == "publish":
            messages.error(request, _("The course cannot be published yet. Please fix these problems:"))
        _errors(request, exc)
    else:
        done = {
            "publish": _("The course is published."),
            "unpublish": _("The course is a draft again; participants keep their access."),
            "archive": _("The course is archived: it left the catalog, participants keep access and certificates."),
        }
        messages.success(request, done[action])
    return redirect("courses:studio_course_edit", slug=course.slug)


@studio_access
def studio_course_preview(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    return render(
        request,
        "courses/studio/studio_course_preview.html",
        {
            "course": course,
            "outline": sel.studio_preview(course=course),
            "problems": svc.course_publish_problems(course=course),
        },
    )


@studio_access
def studio_course_duplicate(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    form = forms.DuplicateForm(
        request.POST or None,
        initial={"title": _("%(title)s (copy)") % {"title": course.title}, "slug": f"{course.slug}-copy"[:100]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = svc.course_duplicate(course=course, **form.cleaned_data)
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, _("The copy was created as a draft, without participants."))
            return redirect("courses:studio_course_edit", slug=copy.slug)
    return render(request, "courses/studio/studio_course_duplicate.html", {"course": course, "form": form})


@studio_access
def studio_course_export(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    body = exchange.exchange_dumps(exchange.course_export_data(course=course))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}.json"'
    return response


@studio_access
def studio_course_import(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > exchange.MAX_IMPORT_BYTES:
                raise ValidationError(
                    _("The file is too large (%(size)s bytes, at most %(max)s).")
                    % {"size": f"{upload.size:,}", "max": f"{exchange.MAX_IMPORT_BYTES:,}"}
                )
            data = exchange.exchange_parse(upload.read())
            course = svc.course_import(data=data, user=request.user, slug=form.cleaned_data["slug"])
        except ValidationError as exc:
            form.add_error("file", _("Nothing was imported."))
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("The course was imported as a draft."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_course_import.html", {"form": form})


# --- modules ------------------------------------------------------------------------------------


@studio_access
def studio_module_create(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    form = forms.ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        svc.module_create(course=course, **form.cleaned_data)
        messages.success(request, _("The module was added."))
        return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_module_form.html", {"course": course, "form": form})


@studio_access
def studio_module_edit(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    module = get_object_or_404(Module, pk=pk, course=course)
    form = forms.ModuleForm(request.POST or None, initial={"title": module.title, "summary": module.summary})
    if request.method == "POST" and form.is_valid():
        svc.module_update(module=module, **form.cleaned_data)
        messages.success(request, _("The module was saved."))
        return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_module_form.html", {"course": course, "module": module, "form": form})


@studio_access
def studio_module_delete(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    module = get_object_or_404(Module, pk=pk, course=course)
    return _delete(request, course, module, svc.module_delete, "module")


def _delete(request, course, obj, service, kind):
    if request.method == "POST":
        try:
            service(**{kind: obj})
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("“%(title)s” was deleted.") % {"title": obj.title})
        return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_confirm_delete.html", {"course": course, "object": obj})


MOVABLE = {"module": Module, "lesson": Lesson, "exercise": Exercise}


@studio_access
@require_POST
def studio_item_move(request, slug, kind, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    if kind not in MOVABLE:
        raise Http404
    item = get_object_or_404(MOVABLE[kind], pk=pk, course=course)
    svc.item_move(item=item, direction=request.POST.get("direction", ""))
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": True})
    return redirect(f"{_edit_url(course)}#{kind}-{item.pk}")


@studio_access
@require_POST
def studio_item_order(request, slug, kind, pk):
    """Drag and drop (studio.js): the full new order of a course's modules or a module's lessons."""
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    if kind == "modules":
        parent, model = course, Module
        if pk != course.pk:
            raise Http404
    elif kind in {"lessons", "exercises"}:
        parent, model = get_object_or_404(Module, pk=pk, course=course), MOVABLE[kind[:-1]]
    else:
        raise Http404
    try:
        ids = [int(i) for i in parse_json(request.body or b"{}").get("ids", [])]
        svc.item_order_set(parent=parent, model=model, ids=ids)
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"ok": False, "error": _("Bad request.")}, status=400)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=409)
    return JsonResponse({"ok": True})


# --- lessons ------------------------------------------------------------------------------------


@studio_access
def studio_lesson_create(request, slug, module_pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    module = get_object_or_404(Module, pk=module_pk, course=course)
    form = forms.LessonForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = markdown_render(form.cleaned_data["body"])
        else:
            try:
                lesson = svc.lesson_create(module=module, **form.cleaned_data)
            except ValidationError as exc:
                _add_form_errors(form, exc)
            else:
                messages.success(request, _("The lesson was added."))
                return redirect("courses:studio_lesson_edit", slug=course.slug, pk=lesson.pk)
    return render(
        request,
        "courses/studio/studio_lesson_form.html",
        {"course": course, "module": module, "form": form, "preview": preview},
    )


@studio_access
def studio_lesson_edit(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    lesson = get_object_or_404(Lesson.objects.select_related("module"), pk=pk, course=course)
    initial = {key: getattr(lesson, key) for key in svc.LESSON_FIELDS} | {"version": lesson.version}
    form = forms.LessonEditForm(request.POST or None, initial=initial)
    preview, conflict = None, None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if "preview" in request.POST:
            preview = markdown_render(data["body"])
        else:
            try:
                lesson = svc.lesson_update(lesson=lesson, expected_version=version, **data)
            except svc.EditConflict as exc:
                lesson.refresh_from_db()
                conflict = lesson
                form = _conflict_form(forms.LessonEditForm, request.POST, exc.current_version)
                messages.error(request, _("Someone else changed this lesson; your text is kept below."))
            except ValidationError as exc:
                lesson.refresh_from_db()
                _add_form_errors(form, exc)
            else:
                messages.success(request, _("The lesson was saved."))
                return redirect("courses:studio_lesson_edit", slug=course.slug, pk=lesson.pk)
    return render(
        request,
        "courses/studio/studio_lesson_form.html",
        {
            "course": course,
            "module": lesson.module,
            "lesson": lesson,
            "form": form,
            "preview": preview,
            "conflict": conflict,
            "attachments": lesson.attachments.all(),
            "attachment_form": forms.AttachmentForm(),
            "max_attachment_mb": svc.MAX_ATTACHMENT_BYTES // 1048576,
        },
    )


@studio_access
@require_POST
def studio_lesson_preview(request, slug):
    """Markdown -> the participants' HTML, for the editor's live preview (studio.js)."""
    course_for_trainer_or_404(user=request.user, slug=slug)
    text = request.POST.get("body", "")
    try:
        markdown_guard(text)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "html": markdown_render(text)})


@studio_access
def studio_lesson_delete(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    lesson = get_object_or_404(Lesson, pk=pk, course=course)
    return _delete(request, course, lesson, svc.lesson_delete, "lesson")


@studio_access
@require_POST
def studio_attachment_add(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    lesson = get_object_or_404(Lesson, pk=pk, course=course)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            svc.attachment_add(lesson=lesson, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("courses:studio_lesson_edit", slug=course.slug, pk=lesson.pk)


@studio_access
@require_POST
def studio_attachment_delete(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    attachment = get_object_or_404(LessonAttachment, pk=pk, lesson__course=course)
    svc.attachment_delete(attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("courses:studio_lesson_edit", slug=course.slug, pk=attachment.lesson_id)


# --- exercises ----------------------------------------------------------------------------------


@studio_access
def studio_exercise_create(request, slug, module_pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    module = get_object_or_404(Module, pk=module_pk, course=course)
    form = forms.ExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exercise = svc.exercise_create(module=module, **form.cleaned_data)
        except ValidationError as exc:
            _add_form_errors(form, exc)
        else:
            messages.success(request, _("The exercise was added."))
            return redirect("courses:studio_exercise_edit", slug=course.slug, pk=exercise.pk)
    return render(
        request, "courses/studio/studio_exercise_form.html", {"course": course, "module": module, "form": form}
    )


@studio_access
def studio_exercise_edit(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    exercise = get_object_or_404(Exercise.objects.select_related("module"), pk=pk, course=course)
    entry = kind_entry(exercise.kind)
    initial = {key: getattr(exercise, key) for key in ("kind", "title", "slug", "instructions", "required")}
    form = forms.ExerciseEditForm(request.POST or None, initial=initial)
    kind_forms = entry.editor(exercise, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and all([f.is_valid() for f in kind_forms]):
        try:
            svc.exercise_update(exercise=exercise, forms=kind_forms, **form.cleaned_data)
        except ValidationError as exc:
            exercise.refresh_from_db()
            _add_form_errors(form, exc)
        else:
            messages.success(request, _("The exercise was saved."))
            return redirect("courses:studio_exercise_edit", slug=course.slug, pk=exercise.pk)
    return render(
        request,
        "courses/studio/studio_exercise_form.html",
        {
            "course": course,
            "module": exercise.module,
            "exercise": exercise,
            "form": form,
            "kind_forms": kind_forms,
            "kind_supported": entry.supported,
            "problems": entry.validate(exercise),
        },
    )


@studio_access
def studio_exercise_delete(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    exercise = get_object_or_404(Exercise, pk=pk, course=course)
    return _delete(request, course, exercise, svc.exercise_delete, "exercise")


# --- analytics, trainers ------------------------------------------------------------------------


@studio_access
def studio_analytics(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    tables = sel.course_analytics(course=course)
    if request.GET.get("format") == "csv":
        wanted = request.GET.get("table", "")
        table = next((t for t in tables if t.key == wanted), None)
        if table is None:
            raise Http404
        response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{course.slug}-{table.key}.csv"'
        return response
    return render(request, "courses/studio/studio_analytics.html", {"course": course, "tables": tables})


@studio_access
def studio_trainers(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    if not request.user.is_staff:
        raise PermissionDenied
    trainers = list(course.trainers.order_by("full_name", "email"))
    form = forms.TrainerForm(
        request.POST or None, queryset=sel.trainer_candidates().exclude(pk__in=[t.pk for t in trainers])
    )
    if request.method == "POST":
        if request.POST.get("remove"):
            user = get_object_or_404(course.trainers.all(), pk=request.POST["remove"])
            svc.course_trainer_remove(course=course, user=user)
            messages.success(request, _("%(name)s no longer teaches this course.") % {"name": user})
            return redirect("courses:studio_trainers", slug=course.slug)
        if form.is_valid():
            svc.course_trainer_add(course=course, user=form.cleaned_data["user"])
            messages.success(request, _("%(name)s now teaches this course.") % {"name": form.cleaned_data["user"]})
            return redirect("courses:studio_trainers", slug=course.slug)
    return render(
        request, "courses/studio/studio_trainers.html", {"course": course, "trainers": trainers, "form": form}
    )
