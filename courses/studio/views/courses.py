"""Studio pages for whole courses: home, create, edit, status, preview, copy, export and import,
analytics and trainers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.learning.models import Course
from courses.learning.selectors import course_for_trainer_or_404
from courses.studio import exchange, forms, importing
from courses.studio import selectors as sel
from courses.studio import services as svc
from courses.studio.translations import studio_translation_panel
from courses.studio.views.common import studio_access, studio_add_form_errors, studio_conflict_form, studio_errors

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
            studio_add_form_errors(form, exc)
        else:
            messages.success(request, _("The course was created as a draft."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_course_form.html", {"form": form})


@studio_access
def studio_course_edit(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    initial = {key: getattr(course, key) for key in svc.COURSE_FIELDS} | {"version": course.version}
    form = forms.CourseEditForm(request.POST or None, request.FILES or None, initial=initial)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        cover, cover_clear = data.pop("cover_image"), data.pop("cover_clear")
        try:
            course = svc.course_update(course=course, expected_version=version, **data)
            if cover is not None or cover_clear:
                course = svc.course_cover_set(course=course, image=cover)
        except svc.EditConflict as exc:
            conflict = True
            course.refresh_from_db()
            form = studio_conflict_form(forms.CourseEditForm, request.POST, exc.current_version)
            messages.error(request, _("Someone else changed this course; your text is kept below."))
        except ValidationError as exc:
            studio_add_form_errors(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(
        request,
        "courses/studio/studio_course_edit.html",
        {
            "course": course,
            "form": form,
            "conflict": conflict,
            "outline": sel.studio_outline(course=course),
            "languages_panel": studio_translation_panel(course=course),
        },
    )


@studio_access
@require_POST
def studio_course_status(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    form = forms.CourseStatusForm(request.POST)
    status = {"publish": Course.Status.PUBLISHED, "unpublish": Course.Status.DRAFT, "archive": Course.Status.ARCHIVED}
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("courses:studio_course_edit", slug=course.slug)
    action = form.cleaned_data["action"]
    try:
        svc.course_status_set(course=course, status=status[action])
    except ValidationError as exc:
        if action == "publish":
            messages.error(request, _("The course cannot be published yet. Please fix these problems:"))
        studio_errors(request, exc)
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
            copy = importing.course_duplicate(course=course, **form.cleaned_data)
        except ValidationError as exc:
            studio_add_form_errors(form, exc)
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
            course = importing.course_import(data=data, user=request.user, slug=form.cleaned_data["slug"])
        except ValidationError as exc:
            form.add_error("file", _("Nothing was imported."))
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("The course was imported as a draft."))
            return redirect("courses:studio_course_edit", slug=course.slug)
    return render(request, "courses/studio/studio_course_import.html", {"form": form})


# --- analytics, trainers ------------------------------------------------------------------------


@studio_access
def studio_analytics(request, slug):
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    tables = sel.course_analytics(course=course)
    query = forms.AnalyticsQueryForm(request.GET)
    if not query.is_valid():
        return HttpResponseBadRequest(_("Unknown table or format."))
    if query.cleaned_data["format"] == "csv":
        wanted = query.cleaned_data["table"]
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
        removal = forms.TrainerRemoveForm(request.POST, queryset=course.trainers.all())
        if removal.has_changed():
            if not removal.is_valid():
                raise Http404
            user = removal.cleaned_data["remove"]
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
