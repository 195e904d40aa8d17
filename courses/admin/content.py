from django.contrib import admin

from courses.models import Course, Enrollment, Lesson, Module


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "language", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["trainers"]


admin.site.register(Module)
admin.site.register(Lesson)
admin.site.register(Enrollment)
