"""Studio pages for translations (issue 15): create a linked translation of a course, and mark a
translated lesson as up to date with its original. Access as every studio page:
`studio_access` plus `course_for_trainer_or_404` (a trainer of the course, or staff)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.learning.models import Lesson
from courses.learning.selectors import course_for_trainer_or_404
from courses.learning.translations import lesson_mark_current
from courses.studio import forms
from courses.studio.translations import translation_create, translation_languages
from courses.studio.views.common import studio_access, studio_add_form_errors


@studio_access
@require_http_methods(["GET", "POST"])
def studio_translation_create(request, slug):
    """GET: a confirmation page with the language to choose; POST: create the draft translation."""
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    languages = translation_languages(course=course)
    form = forms.TranslationForm(request.POST or None, languages=languages)
    if request.method == "POST" and form.is_valid():
        try:
            copy = translation_create(course=course, language=form.cleaned_data["language"], user=request.user)
        except ValidationError as exc:
            studio_add_form_errors(form, exc)
        else:
            messages.success(request, _("The translation was created as a draft. Translate it, then publish it."))
            return redirect("courses:studio_course_edit", slug=copy.slug)
    status = 400 if request.method == "POST" else 200
    context = {"course": course, "form": form, "languages": languages}
    return render(request, "courses/studio/studio_translation_create.html", context, status=status)


@studio_access
@require_POST
def studio_lesson_mark_current(request, slug, pk):
    """The trainer brought this translated lesson up to date with its original."""
    course = course_for_trainer_or_404(user=request.user, slug=slug)
    lesson = Lesson.objects.filter(pk=pk, course=course, original__isnull=False).first()
    if lesson is None:
        raise Http404
    lesson_mark_current(lesson=lesson)
    messages.success(request, _("“%(title)s” is marked as up to date.") % {"title": lesson.title})
    return redirect("courses:studio_course_edit", slug=course.slug)
