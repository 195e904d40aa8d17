"""Admin for certificates: search, and revoke with a reason (an intermediate form)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from courses.certificates.models import Certificate
from courses.certificates.services import certificate_revoke


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CertificateStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Certificate.State.choices

    def queryset(self, request, queryset):
        from django.utils import timezone

        now = timezone.now()
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == "valid":
            return queryset.filter(revoked_at__isnull=True).exclude(expires_at__lte=now)
        return queryset


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "participant_name", "course_title", "completed_on", "issued_at", "expires_at", "revoked_at"]
    list_filter = [CertificateStateFilter, "issued_at"]
    search_fields = ["code", "participant_name", "course_title", "enrollment__user__email"]
    readonly_fields = [
        "enrollment",
        "code",
        "issued_at",
        "expires_at",
        "revoked_at",
        "revoke_reason",
        "pdf",
        "participant_name",
        "course_title",
        "trainer_name",
        "completed_on",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke selected certificates (asks for a reason)"))
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done = 0
            for cert in queryset:
                try:
                    certificate_revoke(certificate=cert, reason=form.cleaned_data["reason"], by=request.user)
                    done += 1
                except ValidationError as exc:
                    self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            self.message_user(request, _("%(n)d certificates revoked.") % {"n": done}, messages.SUCCESS)
            return None
        return render(
            request,
            "certificates/admin_revoke.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Revoke certificates"),
                "certificates": queryset,
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
