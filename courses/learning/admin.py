"""Admin for course content. Every save goes through the services, so Markdown is rendered
and sanitised exactly as in the rest of the site."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from courses.learning.models import Course, Enrollment, Lesson, LessonAttachment, Module
from courses.learning.outline import outline_invalidate
from courses.learning.services import course_save, lesson_attachment_save, lesson_save, module_save
from lms.richtext import markdown_validate


def _save_inline_formset(formset, save_one) -> None:
    """Save an inline formset's objects through a service (deletions, then changes)."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for obj in instances:
        save_one(obj)
    formset.save_m2m()


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "outcomes",
            "language",
            "estimated_hours",
            "cover_image",
            "status",
            "trainers",
        ]

    def clean_description(self) -> str:
        value = self.cleaned_data["description"]
        markdown_validate(value)
        return value


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "module",
            "title",
            "slug",
            "body",
            "estimated_minutes",
            "video_url",
            "free_preview",
            "required",
            "position",
        ]

    def clean_body(self) -> str:
        value = self.cleaned_data["body"]
        markdown_validate(value)
        return value


class OutlineDeleteMixin:
    """Deleting from the admin goes round the services: forget the course's cached outline too."""

    @staticmethod
    def _course_id(obj) -> int:
        return obj.pk if isinstance(obj, Course) else obj.course_id

    def delete_model(self, request, obj) -> None:
        course_id = self._course_id(obj)
        super().delete_model(request, obj)
        outline_invalidate(course_id)

    def delete_queryset(self, request, queryset) -> None:
        course_ids = {self._course_id(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for course_id in course_ids:
            outline_invalidate(course_id)


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "title", "summary"]
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(OutlineDeleteMixin, admin.ModelAdmin):
    form = CourseForm
    list_display = ["title", "status", "language", "estimated_hours", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["trainers"]
    inlines = [ModuleInline]

    def save_model(self, request, obj, form, change) -> None:
        course_save(course=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Module:
            _save_inline_formset(formset, lambda module: module_save(module=module))
        else:
            super().save_formset(request, form, formset, change)


class LessonInline(admin.TabularInline):
    model = Lesson
    form = LessonForm
    fields = ["position", "title", "slug", "estimated_minutes", "free_preview", "required"]
    extra = 0
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(OutlineDeleteMixin, admin.ModelAdmin):
    list_display = ["title", "course", "position"]
    list_filter = ["course"]
    list_select_related = ["course"]
    search_fields = ["title"]
    inlines = [LessonInline]

    def save_model(self, request, obj, form, change) -> None:
        module_save(module=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Lesson:
            _save_inline_formset(formset, lambda lesson: lesson_save(lesson=lesson))
        else:
            super().save_formset(request, form, formset, change)


class LessonAttachmentInline(admin.TabularInline):
    model = LessonAttachment
    fields = ["title", "file", "original_name", "size"]
    readonly_fields = ["original_name", "size"]
    extra = 0


@admin.register(Lesson)
class LessonAdmin(OutlineDeleteMixin, admin.ModelAdmin):
    form = LessonForm
    list_display = ["title", "module", "course", "position", "free_preview", "required"]
    list_filter = ["course", "free_preview", "required"]
    list_select_related = ["module", "course"]
    search_fields = ["title", "slug"]
    inlines = [LessonAttachmentInline]

    def save_model(self, request, obj, form, change) -> None:
        lesson_save(lesson=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is LessonAttachment:
            _save_inline_formset(formset, lambda att: lesson_attachment_save(attachment=att))
        else:
            super().save_formset(request, form, formset, change)


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "source", "enrolled_at", "completed_at", "last_activity_at"]
    list_filter = ["status", "source", "course"]
    list_select_related = ["user", "course"]
    search_fields = ["user__email", "course__title"]
    raw_id_fields = ["user", "last_lesson"]
