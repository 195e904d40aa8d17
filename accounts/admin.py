from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organization, User
from accounts.services import menu_flags_forget, user_set_trainer


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

    def save_formset(self, request, form, formset, change) -> None:
        """Members added, changed or removed here: their cached menu flag is forgotten (for a
        membership moved to another person, the previous person's too)."""
        before = {m.pk: m.user_id for m in formset.queryset}
        super().save_formset(request, form, formset, change)
        touched = [*formset.new_objects, *(m for m, _fields in formset.changed_objects), *formset.deleted_objects]
        menu_flags_forget(user_ids=[m.user_id for m in touched] + [before[m.pk] for m in touched if m.pk in before])

    def delete_model(self, request, obj) -> None:
        user_ids = list(obj.memberships.values_list("user_id", flat=True))
        super().delete_model(request, obj)
        menu_flags_forget(user_ids=user_ids)

    def delete_queryset(self, request, queryset) -> None:
        user_ids = list(Membership.objects.filter(organization__in=queryset).values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
        menu_flags_forget(user_ids=user_ids)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]

    def save_model(self, request, obj, form, change) -> None:
        """A membership added or changed here: the user's cached menu flag is forgotten (the
        previous user too, when the membership was moved to someone else)."""
        previous = form.initial.get("user")
        super().save_model(request, obj, form, change)
        menu_flags_forget(user_ids=[obj.user_id, *([previous] if previous else [])])

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        menu_flags_forget(user_ids=[obj.user_id])

    def delete_queryset(self, request, queryset) -> None:
        user_ids = list(queryset.values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
        menu_flags_forget(user_ids=user_ids)
