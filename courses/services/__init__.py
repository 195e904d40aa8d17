"""Writes for the courses app. Other apps call these, never the models directly."""

from courses.services.cohorts import (
    attendance_record,
    cohort_enroll,
    cohort_move,
    cohort_save,
    session_cancel,
    session_save,
)
from courses.services.content import course_save, exercise_save, lesson_attachment_save, lesson_save, module_save
from courses.services.enrollment import (
    course_completion_check,
    enrollment_completed,
    enrollment_create,
    exercise_mark_complete,
    lesson_complete,
    lesson_visit,
)
from courses.services.followup import (
    buddy_respond,
    checkin_answer,
    checkin_token_create,
    followup_share_update,
    plan_create,
    practice_log_entry_create,
    practice_log_entry_delete,
    practice_log_entry_update,
)

__all__ = [
    "buddy_respond",
    "checkin_answer",
    "checkin_token_create",
    "followup_share_update",
    "plan_create",
    "practice_log_entry_create",
    "practice_log_entry_delete",
    "practice_log_entry_update",
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
    "lesson_attachment_save",
    "lesson_complete",
    "lesson_save",
    "lesson_visit",
    "module_save",
]
