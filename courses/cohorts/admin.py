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
admin.site.register(ModuleRelease)
admin.site.register(ModuleEarlyAccess)
admin.site.register(CalendarFeed)
