from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, User
from accounts.services import user_set_trainer


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_trainer", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_trainer", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (_("Roles"), {"fields": ["is_active", "is_trainer", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    actions = ["grant_trainer_role", "remove_trainer_role"]

    @admin.action(description=_("Grant the trainer role"), permissions=["change"])
    def grant_trainer_role(self, request, queryset) -> None:
        for user in queryset:
            user_set_trainer(user=user, is_trainer=True)
        self.message_user(request, _("Trainer role granted."), messages.SUCCESS)

    @admin.action(description=_("Remove the trainer role"), permissions=["change"])
    def remove_trainer_role(self, request, queryset) -> None:
        for user in queryset:
            user_set_trainer(user=user, is_trainer=False)
        self.message_user(request, _("Trainer role removed."), messages.SUCCESS)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]
