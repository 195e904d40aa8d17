"""How the content admin refuses a delete: one hook for the delete view, the "delete selected"
action and inline rows, so each path gives the same clear message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from courses.studio import services as svc


def in_use_message(item) -> str | None:
    """The studio's reason why `item` may not be deleted, or None."""
    try:
        svc.content_delete_check(item=item)
    except svc.ContentInUse as exc:
        return " ".join(exc.messages)
    return None


class RefusingDeleteMixin:
    """Deletes go through `delete_one` (a service); `refusal(obj)` names why an object must stay.

    Refusals are added to the admin's "protected" list, so the delete view and the bulk action
    show them on a "Cannot delete" page and never delete.
    """

    def refusal(self, obj) -> str | None:
        return in_use_message(obj)

    def delete_one(self, obj) -> None:
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [message for message in map(self.refusal, objs) if message]
        return deleted, model_count, perms_needed, [*refusals, *protected]

    def delete_model(self, request, obj) -> None:
        self.delete_one(obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_one(obj)


class RefusingDeleteFormSet(BaseInlineFormSet):
    """An inline formset whose rows marked for deletion are checked by the inline's `refusal`."""

    refusal: Callable[[object], str | None] = staticmethod(in_use_message)

    def clean(self) -> None:
        # Before super().clean(): the admin's own check of protected rows raises from there.
        refusals = []
        for form in self.forms:
            marked = getattr(form, "cleaned_data", {}).get("DELETE")
            if marked and form.instance.pk is not None:
                message = self.refusal(form.instance)
                if message:
                    refusals.append(message)
        if refusals:
            raise ValidationError(refusals, code="in_use")
        super().clean()


def refusing_formset(refusal: Callable[[object], str | None]) -> type[RefusingDeleteFormSet]:
    return type("RefusingFormSet", (RefusingDeleteFormSet,), {"refusal": staticmethod(refusal)})


def save_inline_formset(formset, save_one: Callable, delete_one: Callable) -> None:
    """Save an inline formset's rows through services: deletions first, then changes."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        delete_one(obj)
    for obj in instances:
        save_one(obj)
    formset.save_m2m()


class ContentInline(admin.TabularInline):
    """An inline whose deleted rows pass the studio's in-use check first."""

    formset = RefusingDeleteFormSet
