"""Admin for courses, modules and lessons. Saves go through the learning services (Markdown is
rendered and sanitised as on the site); status changes and deletes go through the studio's."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.learning.models import Course, Lesson, LessonAttachment, Module
from courses.learning.services import course_save, lesson_attachment_save, lesson_save, module_save
from courses.studio import services as svc
from courses.studio.admin.refusals import ContentInline, RefusingDeleteMixin, save_inline_formset
from lms.richtext import markdown_validate


class CourseForm(forms.ModelForm):
    """No status field: a course is published, archived or put back to draft by the actions
    on the course list, which run the studio's publish checks."""

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


class ModuleInline(ContentInline):
    model = Module
    fields = ["position", "title", "summary"]
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(RefusingDeleteMixin, admin.ModelAdmin):
    form = CourseForm
    list_display = ["title", "status", "language", "translation_of", "estimated_hours", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["trainers"]
    readonly_fields = ["status", "published_at", "translation_of"]  # linked by the studio's "Create translation"
    inlines = [ModuleInline]
    actions = ["publish", "archive", "back_to_draft"]

    def delete_one(self, obj: Course) -> None:
        svc.course_delete(course=obj)

    def save_model(self, request, obj, form, change) -> None:
        course_save(course=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Module:
            save_inline_formset(
                formset, lambda module: module_save(module=module), lambda module: svc.module_delete(module=module)
            )
        else:
            super().save_formset(request, form, formset, change)

    def _status_set(self, request, queryset, status: str) -> None:
        done = 0
        for course in queryset:
            try:
                svc.course_status_set(course=course, status=status)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{course}: {' '.join(exc.messages)}", messages.ERROR)
        if done:
            self.message_user(request, _("%(n)d courses changed.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Publish (after the publish checks)"), permissions=["change"])
    def publish(self, request, queryset) -> None:
        self._status_set(request, queryset, Course.Status.PUBLISHED)

    @admin.action(description=_("Archive (participants keep their access)"), permissions=["change"])
    def archive(self, request, queryset) -> None:
        self._status_set(request, queryset, Course.Status.ARCHIVED)

    @admin.action(description=_("Back to draft (only without participants)"), permissions=["change"])
    def back_to_draft(self, request, queryset) -> None:
        self._status_set(request, queryset, Course.Status.DRAFT)


class LessonInline(ContentInline):
    model = Lesson
    form = LessonForm
    fields = ["position", "title", "slug", "estimated_minutes", "free_preview", "required"]
    extra = 0
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(RefusingDeleteMixin, admin.ModelAdmin):
    list_display = ["title", "course", "position"]
    list_filter = ["course"]
    list_select_related = ["course"]
    search_fields = ["title"]
    inlines = [LessonInline]

    def delete_one(self, obj: Module) -> None:
        svc.module_delete(module=obj)

    def save_model(self, request, obj, form, change) -> None:
        module_save(module=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Lesson:
            save_inline_formset(
                formset, lambda lesson: lesson_save(lesson=lesson), lambda lesson: svc.lesson_delete(lesson=lesson)
            )
        else:
            super().save_formset(request, form, formset, change)


class LessonAttachmentInline(admin.TabularInline):
    model = LessonAttachment
    fields = ["title", "file", "original_name", "size"]
    readonly_fields = ["original_name", "size"]
    extra = 0


@admin.register(Lesson)
class LessonAdmin(RefusingDeleteMixin, admin.ModelAdmin):
    form = LessonForm
    list_display = ["title", "module", "course", "position", "free_preview", "required"]
    list_filter = ["course", "free_preview", "required"]
    list_select_related = ["module", "course"]
    search_fields = ["title", "slug"]
    inlines = [LessonAttachmentInline]

    def delete_one(self, obj: Lesson) -> None:
        svc.lesson_delete(lesson=obj)

    def save_model(self, request, obj, form, change) -> None:
        lesson_save(lesson=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is LessonAttachment:
            save_inline_formset(
                formset,
                lambda attachment: lesson_attachment_save(attachment=attachment),
                lambda attachment: svc.attachment_delete(attachment=attachment),
            )
        else:
            super().save_formset(request, form, formset, change)
