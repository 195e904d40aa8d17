from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, User
from accounts.services import user_set_trainer


class ExplainProtectedMixin:
    """When a delete is refused because other rows are protected (participants' work, seat
    licences), say what to do instead above the admin's list of those rows."""

    protected_hint = ""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = [self.protected_hint, *protected]
        return deleted, model_count, perms_needed, protected


@admin.register(User)
class UserAdmin(ExplainProtectedMixin, BaseUserAdmin):
    protected_hint = _(
        "This person has work on the site (enrollments, progress, answers, submissions…), which is "
        "never deleted with them. Deactivate the account instead: untick “active”."
    )
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
class OrganizationAdmin(ExplainProtectedMixin, admin.ModelAdmin):
    protected_hint = _("This organization has seat licences, which keep its members' seats; it is not deleted.")
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
