"""One model row read with a written-out query, without the ORM's per-query machinery.

For the few reads that run on every page of a logged-in participant (the user, the enrollment:
`accounts/backends.py`, `courses/learning/participant_reads.py`). Measured for issue 18: Django
compiling a queryset cost more than PostgreSQL answering it, and even `Model.objects.raw()`
works out its column-to-field map and value converters again on every call (about 0.15 ms of
CPU per read). Here they are worked out once per model and database connection.

The query must select the model's concrete fields in `_meta.concrete_fields` order (use
`select_columns`), then any extra values, which are set as attributes under the given names.
Values are converted as the ORM converts them (SQLite's datetimes made aware, booleans, …).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

# connection -> model -> [(position, converters, column expression)]
_converters: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[type[Model], list]] = weakref.WeakKeyDictionary()


def select_columns(model: type[Model], alias: str) -> str:
    """The model's concrete columns, quoted and prefixed with the table alias, in field order."""
    qn = connections["default"].ops.quote_name
    return ", ".join(f"{alias}.{qn(field.column)}" for field in model._meta.concrete_fields)


def _model_converters(connection: BaseDatabaseWrapper, model: type[Model]) -> list:
    per_model = _converters.setdefault(connection, {})
    found = per_model.get(model)
    if found is None:
        found = []
        for position, field in enumerate(model._meta.concrete_fields):
            column = field.get_col(model._meta.db_table)
            functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if functions:
                found.append((position, functions, column))
        per_model[model] = found
    return found


def fetch_one[M: Model](model: type[M], sql: str, params: Sequence[Any], *, extra: Sequence[str] = ()) -> M | None:
    """The first row of `sql` as a `model` instance (its extra values set under `extra`), or None."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    fields = model._meta.concrete_fields
    values = list(row[: len(fields)])
    for position, functions, column in _model_converters(connection, model):
        for function in functions:
            values[position] = function(values[position], column, connection)
    instance = model.from_db(connection.alias, [field.attname for field in fields], values)
    for name, value in zip(extra, row[len(fields) :], strict=True):
        setattr(instance, name, value)
    return instance
