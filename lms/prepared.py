"""`values_list` querysets compiled once per database connection, then run with new values.

Measured for issue 18 on the organization dashboard at 1,000 members: Django building and compiling
the page's query (four correlated subqueries) took 4 ms of CPU; PostgreSQL answered it in 2.4 ms.
A query whose SQL only changes in its parameters need not be compiled on every request:

    page_rows = PreparedValues(lambda *, ids, now: Enrollment.objects.filter(pk__in=ids)....values_list(...))
    rows = page_rows(ids=[4, 8, 15], now=timezone.now())   # a list of tuples, as values_list gives

How it knows where the values go: the first call on a connection builds and compiles the queryset
twice, with two different sets of stand-in values, and compares the two. The parameters that
differ are the slots the real values are put into on every later call. Anything else that differs
(a `timezone.now()` read inside the builder, say) raises `PreparedQueryError`: such a value must
be one of the arguments. The check runs on every new shape, so a builder that breaks the rule
fails in the first test that runs it.

Arguments:
- slots: `int`, `datetime` (aware) and lists of ints. A list's length is part of the shape. The
  builder only passes a slot on to the ORM: it must not branch on its value (the stand-ins are
  negative numbers and dates in 1971 and 1972).
- shape: `str`, `bool` and `None` change the SQL itself (a sort order, a filter); each distinct
  combination is compiled once.

Rows are converted the way the ORM converts them (`SQLCompiler.results_iter`), and the queries
run through Django's cursor, so query counting and logging see them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

MAX_SHAPES = 128  # per connection and query; beyond it the compiled shapes are dropped and rebuilt


class PreparedQueryError(Exception):
    """The builder's SQL changes with something that is not one of its arguments."""


@dataclass(frozen=True)
class _Compiled:
    sql: str | None
    params: tuple
    slots: tuple[tuple[int, str, int | None], ...]  # (parameter position, argument, index in a list)
    compiler: SQLCompiler


def _is_slot(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | datetime):
        return True
    return isinstance(value, list | tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)


def _shape(values: dict[str, Any]) -> tuple:
    shape = []
    for name, value in sorted(values.items()):
        if _is_slot(value):
            shape.append((name, len(value) if isinstance(value, list | tuple) else type(value).__name__))
        elif value is None or isinstance(value, str | bool):
            shape.append((name, value))
        else:
            raise TypeError(f"{name}: a prepared query takes ints, aware datetimes, lists of ints, str, bool, None")
    return tuple(shape)


def _stand_ins(values: dict[str, Any], round_: int) -> dict[str, Any]:
    """Values no real row has, different in each round and from each other."""
    base, counter = -(10**12) * round_, 0
    moment = datetime(1970 + round_, 1, 1, tzinfo=UTC)

    def one(value: Any) -> Any:
        nonlocal counter
        counter += 1
        if isinstance(value, datetime):
            return moment + timedelta(seconds=counter)
        return base - counter

    out = {}
    for name, value in values.items():
        if not _is_slot(value):
            out[name] = value
        elif isinstance(value, list | tuple):
            out[name] = [one(v) for v in value]
        else:
            out[name] = one(value)
    return out


def _adapt(connection: BaseDatabaseWrapper, value: Any) -> Any:
    """A slot's value as the compiler puts it in the parameters."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class PreparedValues:
    """A `values_list` queryset builder, compiled once per connection and shape (module docstring)."""

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self.build = build
        self.using = using
        self._compiled: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[tuple, _Compiled]] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self, **values: Any) -> list[tuple]:
        shape = _shape(values)
        connection = connections[self.using]
        per_connection = self._compiled.setdefault(connection, {})
        compiled = per_connection.get(shape)
        if compiled is None:
            if len(per_connection) >= MAX_SHAPES:
                per_connection.clear()
            compiled = per_connection[shape] = self._compile(connection, values)
        if compiled.sql is None:
            return []
        params = list(compiled.params)
        for position, name, index in compiled.slots:
            value = values[name] if index is None else values[name][index]
            params[position] = _adapt(connection, value)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return list(compiled.compiler.results_iter(results=[rows], tuple_expected=True))

    def _compile(self, connection: BaseDatabaseWrapper, values: dict[str, Any]) -> _Compiled:
        rounds = []
        for round_ in (1, 2):
            stand_ins = _stand_ins(values, round_)
            compiler = self.build(**stand_ins).query.get_compiler(connection=connection)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:  # an empty list in an IN: no query, as the ORM does
                return _Compiled(sql=None, params=(), slots=(), compiler=compiler)
            rounds.append((stand_ins, compiler, sql, tuple(params)))
        (first, compiler, sql, params), (second, _c, sql_2, params_2) = rounds
        if sql != sql_2 or len(params) != len(params_2):
            raise PreparedQueryError(f"{self.build.__qualname__}: its SQL changes with its values")
        return _Compiled(
            sql=sql, params=params, slots=_slots(connection, first, second, params, params_2), compiler=compiler
        )


def _slots(
    connection: BaseDatabaseWrapper, first: dict, second: dict, params: Sequence, params_2: Sequence
) -> tuple[tuple[int, str, int | None], ...]:
    """Where each stand-in landed in the parameters; raises on a difference that no stand-in explains."""
    where: dict[tuple[Any, Any], tuple[str, int | None]] = {}
    for name, value in first.items():
        if isinstance(value, list):
            for index, (one, two) in enumerate(zip(value, second[name], strict=True)):
                where[(_adapt(connection, one), _adapt(connection, two))] = (name, index)
        elif _is_slot(value):
            where[(_adapt(connection, value), _adapt(connection, second[name]))] = (name, None)
    slots = []
    for position, pair in enumerate(zip(params, params_2, strict=True)):
        if pair[0] == pair[1]:
            continue
        if pair not in where:
            raise PreparedQueryError(f"parameter {position} changes with something that is not an argument: {pair!r}")
        slots.append((position, *where[pair]))
    return tuple(slots)
