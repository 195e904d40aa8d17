"""Studio pages for a course's modules, lessons (with attachments) and exercises, and their order."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.exercises.kinds import exercise_kind
from courses.learning.models import Exercise, Lesson, LessonAttachment, Module
from courses.learning.selectors import course_for_trainer_or_404
from courses.studio import forms
from courses.studio import services as svc
from courses.studio.editors import kind_editor_details, kind_editor_forms
from courses.studio.views.common import (
    studio_access,
    studio_add_form_errors,
    studio_conflict_form,
    studio_delete,
    studio_edit_url,
    studio_errors,
)
from lms.richtext import markdown_render

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
    return studio_delete(request, course, module, svc.module_delete, "module")


MOVABLE = {"module": Module, "lesson": Lesson, "exercise": Exercise}


@studio_access
@require_POST
def studio_item_move(request, slug, kind, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    if kind not in MOVABLE:
        raise Http404
    item = get_object_or_404(MOVABLE[kind], pk=pk, course=course)
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose up or down."))
    svc.item_move(item=item, direction=form.cleaned_data["direction"])
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"ok": True})
    return redirect(f"{studio_edit_url(course)}#{kind}-{item.pk}")


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
        ids = forms.order_ids_parse(request.body)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    try:
        svc.item_order_set(parent=parent, model=model, ids=ids)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=409)
    return JsonResponse({"ok": True})


# --- lessons ------------------------------------------------------------------------------------


def _wants_preview(request) -> bool:
    form = forms.PreviewForm(request.POST)
    return form.is_valid() and form.cleaned_data["preview"]


@studio_access
def studio_lesson_create(request, slug, module_pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    module = get_object_or_404(Module, pk=module_pk, course=course)
    form = forms.LessonForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if _wants_preview(request):
            preview = markdown_render(form.cleaned_data["body"])
        else:
            try:
                lesson = svc.lesson_create(module=module, **form.cleaned_data)
            except ValidationError as exc:
                studio_add_form_errors(form, exc)
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
        if _wants_preview(request):
            preview = markdown_render(data["body"])
        else:
            try:
                lesson = svc.lesson_update(lesson=lesson, expected_version=version, **data)
            except svc.EditConflict as exc:
                lesson.refresh_from_db()
                conflict = lesson
                form = studio_conflict_form(forms.LessonEditForm, request.POST, exc.current_version)
                messages.error(request, _("Someone else changed this lesson; your text is kept below."))
            except ValidationError as exc:
                lesson.refresh_from_db()
                studio_add_form_errors(form, exc)
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
            "attachment_form": forms.AttachmentForm(auto_id="attachment-%s"),
            "max_attachment_mb": settings.STUDIO_MAX_ATTACHMENT_BYTES // 1048576,
        },
    )


@studio_access
@require_POST
def studio_lesson_preview(request, slug):
    """Markdown -> the participants' HTML, for the editor's live preview (studio.js)."""
    course_for_trainer_or_404(user=request.user, slug=slug)
    form = forms.MarkdownPreviewForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "error": " ".join(e for es in form.errors.values() for e in es)}, status=400)
    return JsonResponse({"ok": True, "html": markdown_render(form.cleaned_data["body"])})


@studio_access
def studio_lesson_delete(request, slug, pk):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    lesson = get_object_or_404(Lesson, pk=pk, course=course)
    return studio_delete(request, course, lesson, svc.lesson_delete, "lesson")


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
            studio_errors(request, exc)
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
            studio_add_form_errors(form, exc)
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
    entry = exercise_kind(exercise.kind)
    initial = {key: getattr(exercise, key) for key in ("kind", "title", "slug", "instructions", "required")}
    form = forms.ExerciseEditForm(request.POST or None, initial=initial)
    kind_forms = kind_editor_forms(exercise, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and all([f.is_valid() for f in kind_forms]):
        try:
            svc.exercise_update(exercise=exercise, details=kind_editor_details(kind_forms), **form.cleaned_data)
        except ValidationError as exc:
            exercise.refresh_from_db()
            studio_add_form_errors(form, exc)
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
    return studio_delete(request, course, exercise, svc.exercise_delete, "exercise")
