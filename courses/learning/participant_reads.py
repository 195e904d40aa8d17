"""The two reads every lesson and exercise page makes for its participant, written out in SQL.

Measured for issue 18 (`tools/bench/profile_page.py`, large data set, 500 reads each): as ORM
querysets they cost 0.89 ms (the enrollment) and 0.82 ms (the completed ids, two queries) on
PostgreSQL, and 0.47 / 0.38 ms on SQLite, almost all of it Django compiling the SQL. Written
out, they cost 0.36 / 0.23 ms on PostgreSQL and 0.08 / 0.02 ms on SQLite, and the ids take one
round trip instead of two. The enrollment read brings the completed ids along (lists aggregated
in the same statement), so a page that reads both makes one round trip.

Table and column names come from the models' `_meta`, so a renamed field still fails loudly
here; `tests/courses/learning/test_participant_reads.py` holds both reads to the querysets they
replace.
"""

from __future__ import annotations

from functools import cache

from django.db import connection

from courses.learning.models import Enrollment, ExerciseCompletion, LessonProgress
from lms.rawsql import fetch_one, select_columns


def _column(model: type, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


_AGGREGATE = {"postgresql": "string_agg(CAST({column} AS text), ',')", "sqlite": "group_concat({column})"}


@cache
def _enrollment_sql(vendor: str) -> str:
    # `vendor` is part of the cache key: quoting and the list aggregate differ between databases.
    # The cohort membership is reached through its relation: learning does not import cohorts,
    # which builds on it.
    membership = Enrollment._meta.get_field("cohort_membership").related_model
    qn = connection.ops.quote_name
    columns = select_columns(Enrollment, "e")
    done = []
    for model, item in ((LessonProgress, "lesson"), (ExerciseCompletion, "exercise")):
        done.append(
            f"(SELECT {_AGGREGATE[vendor].format(column='d.' + _column(model, item))} "  # noqa: S608 (names from _meta)
            f"FROM {qn(model._meta.db_table)} d WHERE d.{_column(model, 'course')} = e.{_column(Enrollment, 'course')} "
            f"AND d.{_column(model, 'user')} = e.{_column(Enrollment, 'user')})"
        )
    return (
        f"SELECT {columns}, m.{_column(membership, 'cohort')} AS in_cohort_id, "  # noqa: S608 (names from _meta; values are parameters)
        f"{done[0]} AS done_lesson_ids, {done[1]} AS done_exercise_ids "
        f"FROM {qn(Enrollment._meta.db_table)} e "
        f"LEFT JOIN {qn(membership._meta.db_table)} m "
        f"ON m.{_column(membership, 'enrollment')} = e.{_column(Enrollment, 'id')} "
        f"WHERE e.{_column(Enrollment, 'user')} = %s AND e.{_column(Enrollment, 'course')} = %s "
        f"AND e.{_column(Enrollment, 'status')} <> %s "
        f"ORDER BY e.{_column(Enrollment, 'id')} LIMIT 1"
    )


def _ids(joined: str | None) -> set[int]:
    return {int(i) for i in joined.split(",")} if joined else set()


def live_enrollment(*, user_id: int, course_id: int) -> Enrollment | None:
    """The user's active or completed enrollment in the course, or None. One query, which also
    brings `in_cohort_id` (None when not in a cohort) and `completed_ids`: (lesson ids, exercise
    ids) the user has completed in the course, read in the same statement."""
    enrollment = fetch_one(
        Enrollment,
        _enrollment_sql(connection.vendor),
        [user_id, course_id, Enrollment.Status.CANCELLED],
        extra=["in_cohort_id", "done_lesson_ids", "done_exercise_ids"],
    )
    if enrollment is not None:
        enrollment.completed_ids = (_ids(enrollment.done_lesson_ids), _ids(enrollment.done_exercise_ids))
    return enrollment


@cache
def _completed_sql(vendor: str) -> str:
    qn = connection.ops.quote_name
    parts = []
    for kind, model, item in ((0, LessonProgress, "lesson"), (1, ExerciseCompletion, "exercise")):
        parts.append(
            f"SELECT {kind}, {_column(model, item)} FROM {qn(model._meta.db_table)} "  # noqa: S608 (names from _meta)
            f"WHERE {_column(model, 'course')} = %s AND {_column(model, 'user')} = %s"
        )
    return " UNION ALL ".join(parts)


def completed_ids(*, user_id: int, course_id: int) -> tuple[set[int], set[int]]:
    """(lesson ids, exercise ids) the user has completed in the course. One query."""
    with connection.cursor() as cursor:
        cursor.execute(_completed_sql(connection.vendor), [course_id, user_id, course_id, user_id])
        rows = cursor.fetchall()
    lessons = {item for kind, item in rows if kind == 0}
    exercises = {item for kind, item in rows if kind == 1}
    return lessons, exercises
