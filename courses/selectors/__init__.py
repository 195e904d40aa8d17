"""Reads for the courses app, one module per area, re-exported here."""

from courses.selectors.cohorts import (
    attendance_counts,
    attendance_requirement_met,
    lesson_is_released,
    module_release_state,
)
from courses.selectors.learning import (
    Progress,
    catalog_courses,
    completed_item_ids,
    course_for_trainer_or_404,
    course_is_visible_to,
    course_minutes,
    course_outline,
    dashboard_enrollments,
    enrollment_for,
    first_unfinished_lesson,
    progress_for_enrollments,
    user_teaches,
)

__all__ = [
    "attendance_counts",
    "attendance_requirement_met",
    "lesson_is_released",
    "module_release_state",
    "Progress",
    "catalog_courses",
    "completed_item_ids",
    "course_for_trainer_or_404",
    "course_is_visible_to",
    "course_minutes",
    "course_outline",
    "dashboard_enrollments",
    "enrollment_for",
    "first_unfinished_lesson",
    "progress_for_enrollments",
    "user_teaches",
]
