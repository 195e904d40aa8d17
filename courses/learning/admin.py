"""Admin for enrollments. Course content (courses, modules, lessons) is administered in
`courses.studio.admin`, which writes through the studio's services and keeps its rules."""

from __future__ import annotations

from django.contrib import admin

from courses.learning.models import Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "source", "enrolled_at", "completed_at", "last_activity_at"]
    list_filter = ["status", "source", "course"]
    list_select_related = ["user", "course"]
    search_fields = ["user__email", "course__title"]
    raw_id_fields = ["user", "last_lesson"]
