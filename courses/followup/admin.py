from django.contrib import admin

from courses.followup.models import (
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    fields = ["due_at", "status", "answered_at"]
    readonly_fields = ["answered_at"]


@admin.register(CommitmentPlan)
class CommitmentPlanAdmin(admin.ModelAdmin):
    list_display = ["user", "exercise", "course", "created_at"]
    list_filter = ["course"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "exercise"]
    inlines = [CommitmentInline, CheckInInline]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["plan", "due_at", "status", "answered_at"]
    list_filter = ["status"]
    raw_id_fields = ["plan"]


@admin.register(Buddy)
class BuddyAdmin(admin.ModelAdmin):
    list_display = ["email", "plan", "status", "accepted_at"]
    list_filter = ["status"]
    raw_id_fields = ["plan", "user"]


@admin.register(PracticeLogEntry)
class PracticeLogEntryAdmin(admin.ModelAdmin):
    list_display = ["user", "date", "member", "technique", "course"]
    list_filter = ["technique"]
    raw_id_fields = ["user"]


admin.site.register(CheckInAnswer)
admin.site.register(FollowupShare)
