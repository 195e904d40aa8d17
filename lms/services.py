"""Write helpers shared by every area's services (HackSoft styleguide's `model_update`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone


class EditConflict(Exception):
    """Someone saved the object after the editor loaded it; nothing was written."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


def model_update[M: models.Model](
    *,
    instance: M,
    fields: Iterable[str],
    data: Mapping[str, Any],
    expected_version: int | None = None,
    clean_exclude: Iterable[str] = (),
) -> tuple[M, bool]:
    """Set the `fields` present in `data` on `instance`, validate, and save only what changed.

    With `expected_version` the row is written by a conditional `UPDATE … WHERE version =
    expected_version` that also bumps `version` (optimistic locking): when it touches no row,
    someone saved in between, `EditConflict` is raised and nothing is written. Returns
    `(instance, changed)`; without a change (and without a version check) nothing is saved.
    """
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    changed = [name for name in data if getattr(instance, name) != data[name]]
    for name in changed:
        setattr(instance, name, data[name])
    instance.full_clean(exclude=list(clean_exclude))
    has_updated_at = any(f.name == "updated_at" for f in instance._meta.concrete_fields)
    if expected_version is not None:
        values = {name: getattr(instance, name) for name in data}
        if has_updated_at:
            values["updated_at"] = timezone.now()
        model = type(instance)
        updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            **values, version=F("version") + 1
        )
        if updated != 1:
            raise EditConflict(model._default_manager.values_list("version", flat=True).get(pk=instance.pk))
        instance.version = expected_version + 1
        return instance, bool(changed)
    if not changed:
        return instance, False
    update_fields = list(changed)
    if has_updated_at:
        update_fields.append("updated_at")  # auto_now fields are refreshed by save()
    instance.save(update_fields=update_fields)
    return instance, True
