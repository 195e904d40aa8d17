"""Admin for reminder rows: search by user, kind, status; retry failed rows."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from courses.reminders import engine
from courses.reminders.models import EmailPreference, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "email",
        "kind",
        "object_key",
        "period",
        "status",
        "attempts",
        "sent_at",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["user__email", "user__full_name", "email", "kind", "status", "object_key"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Reminder._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry: put failed reminders back in the queue"))
    def retry(self, request, queryset):
        count = engine.reminders_retry(ids=queryset.values_list("id", flat=True))
        self.message_user(request, _("%(n)d reminders queued again.") % {"n": count}, messages.SUCCESS)


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "enabled", "updated_at"]
    list_filter = ["kind", "enabled"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
