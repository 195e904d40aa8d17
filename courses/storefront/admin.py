"""Staff edit the storefront's copy here and follow up organizations' requests. Writes go through
courses.storefront.services; a request is read-only apart from its status."""

from django.contrib import admin

from courses.storefront import services
from courses.storefront.models import CourseListing, FaqEntry, OrganizationRequest, Testimonial


@admin.register(OrganizationRequest)
class OrganizationRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "contact_name", "email", "managers", "course", "cohort", "status", "created_at"]
    list_filter = ["status", "course"]
    search_fields = ["organization", "contact_name", "email"]
    list_select_related = ["course", "cohort"]
    date_hierarchy = "created_at"
    fields = [
        "status", "organization", "contact_name", "email", "phone", "managers", "course", "cohort", "message",
        "created_at",
    ]  # fmt: skip
    readonly_fields = [f for f in fields if f != "status"]

    def has_add_permission(self, request) -> bool:
        return False  # requests come from the "For organizations" form

    def save_model(self, request, obj, form, change) -> None:
        services.org_request_status_set(request=obj, status=form.cleaned_data["status"])


@admin.register(CourseListing)
class CourseListingAdmin(admin.ModelAdmin):
    list_display = ["course", "tagline", "position"]
    list_select_related = ["course"]

    def save_model(self, request, obj, form, change) -> None:
        services.listing_save(listing=obj)


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "course", "language", "is_demo", "position"]
    list_filter = ["language", "is_demo", "course"]
    list_select_related = ["course"]

    def save_model(self, request, obj, form, change) -> None:
        services.testimonial_save(testimonial=obj)


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "course", "language", "position"]
    list_filter = ["language", "course"]
    list_select_related = ["course"]

    def save_model(self, request, obj, form, change) -> None:
        services.faq_entry_save(entry=obj)
