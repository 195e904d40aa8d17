"""Writes for the courses app. Other apps call these, never the models directly."""

from courses.services.cohorts import (
    attendance_record,
    cohort_enroll,
    cohort_move,
    cohort_save,
    session_cancel,
    session_save,
)
from courses.services.content import course_save, exercise_save, lesson_save, module_save
from courses.services.enrollment import (
    course_completion_check,
    enrollment_completed,
    enrollment_create,
    exercise_mark_complete,
    lesson_complete,
    lesson_visit,
)

__all__ = [
    "attendance_record",
    "cohort_enroll",
    "cohort_move",
    "cohort_save",
    "session_cancel",
    "session_save",
    "course_completion_check",
    "course_save",
    "enrollment_completed",
    "enrollment_create",
    "exercise_mark_complete",
    "exercise_save",
    "lesson_complete",
    "lesson_save",
    "lesson_visit",
    "module_save",
]
