"""Admin for cohorts. Seats are read-only here: places are taken through cohort_enroll only."""

from django.contrib import admin

from courses.cohorts.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortMembership,
    LiveSession,
    ModuleEarlyAccess,
    ModuleRelease,
)
from courses.learning.outline import outline_invalidate


class LiveSessionInline(admin.TabularInline):
    model = LiveSession
    fields = ["title", "starts_at", "ends_at", "status", "sequence"]
    readonly_fields = ["sequence"]
    extra = 0
    show_change_link = True


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "starts_on", "ends_on", "seats_taken", "capacity"]
    list_filter = ["course"]
    search_fields = ["name", "slug"]
    readonly_fields = ["seats_taken"]
    filter_horizontal = ["trainers"]
    inlines = [LiveSessionInline]


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "starts_at", "status", "sequence"]
    list_filter = ["status"]
    readonly_fields = ["uid", "sequence"]
    list_select_related = ["cohort__course"]


@admin.register(CohortMembership)
class CohortMembershipAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "cohort", "joined_at"]
    list_select_related = ["enrollment__user", "enrollment__course", "cohort__course"]
    raw_id_fields = ["enrollment"]


admin.site.register(Attendance)


@admin.register(ModuleRelease)
class ModuleReleaseAdmin(admin.ModelAdmin):
    """Every change retires the course's cached release rules (selectors.releases), as the service does."""

    list_display = ["module", "mode", "release_date", "release_days"]
    list_select_related = ["module__course"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        outline_invalidate(obj.module.course_id)

    def delete_model(self, request, obj) -> None:
        course_id = obj.module.course_id
        super().delete_model(request, obj)
        outline_invalidate(course_id)

    def delete_queryset(self, request, queryset) -> None:
        course_ids = set(queryset.values_list("module__course_id", flat=True))
        super().delete_queryset(request, queryset)
        for course_id in course_ids:
            outline_invalidate(course_id)


admin.site.register(ModuleEarlyAccess)
admin.site.register(CalendarFeed)
