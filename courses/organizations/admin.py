"""Staff manage seat licences and invitations here; organizations and memberships live in accounts' admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from courses.cohorts.models import Cohort
from courses.organizations.models import Invitation, SeatLicence


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "first_name", "last_name", "status", "expires_at", "accepted_by"]
    readonly_fields = ["accepted_by"]
    show_change_link = True


@admin.register(SeatLicence)
class SeatLicenceAdmin(admin.ModelAdmin):
    list_display = ["organization", "course", "cohort", "seats_used", "seats", "valid_until"]
    list_filter = ["course", "valid_until"]
    search_fields = ["organization__name", "organization__slug", "course__title"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization", "course", "cohort__course"]
    readonly_fields = ["seats_used"]
    inlines = [InvitationInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cohort":
            # Cohort.__str__ names its course: fetch it with the choices.
            kwargs["queryset"] = Cohort.objects.select_related("course")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "licence", "status", "expires_at", "created_at"]
    list_filter = ["status", "organization", "licence__course"]
    search_fields = ["email", "first_name", "last_name", "organization__name"]
    list_select_related = ["organization", "licence__course"]
    readonly_fields = ["token", "accepted_by", "accepted_at", "created_at"]
    raw_id_fields = ["invited_by"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "created_at"

    @admin.display(description=_("licence"))
    def licence_course(self, obj):
        return obj.licence.course
