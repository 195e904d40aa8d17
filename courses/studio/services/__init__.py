"""Writes for the trainer studio: authoring, publishing, copying and importing.

The studio asks learning's services to write course content (fields with optimistic locking,
positions, attachments) and the exercise kinds' writers for quiz questions and rubrics;
their names are re-exported here for the studio's views.
"""

from courses.exercises.services import (
    assignment_has_reviews,
    quiz_has_attempts,
    quiz_questions_save,
    quiz_settings_save,
    rubric_criteria_save,
)
from courses.learning.services import COURSE_FIELDS, LESSON_FIELDS, course_cover_set, course_update, lesson_update
from courses.learning.services import course_item_move as item_move
from courses.learning.services import course_items_order_set as item_order_set
from courses.learning.services import lesson_attachment_create as attachment_add
from courses.learning.services import lesson_attachment_delete as attachment_delete
from courses.studio.services.content import (
    ContentInUse,
    content_delete_check,
    course_delete,
    exercise_create,
    exercise_delete,
    exercise_update,
    lesson_create,
    lesson_delete,
    module_create,
    module_delete,
    module_update,
)
from courses.studio.services.courses import (
    course_create,
    course_publish_problems,
    course_status_set,
    course_trainer_add,
    course_trainer_remove,
)
from lms.services import EditConflict

__all__ = [
    "COURSE_FIELDS",
    "course_cover_set",
    "LESSON_FIELDS",
    "ContentInUse",
    "content_delete_check",
    "course_delete",
    "EditConflict",
    "assignment_has_reviews",
    "attachment_add",
    "attachment_delete",
    "course_create",
    "course_publish_problems",
    "course_status_set",
    "course_trainer_add",
    "course_trainer_remove",
    "course_update",
    "exercise_create",
    "exercise_delete",
    "exercise_update",
    "item_move",
    "item_order_set",
    "lesson_create",
    "lesson_delete",
    "lesson_update",
    "module_create",
    "module_delete",
    "module_update",
    "quiz_has_attempts",
    "quiz_questions_save",
    "quiz_settings_save",
    "rubric_criteria_save",
]
