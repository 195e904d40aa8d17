"""Writes for quizzes, reflections and practice assignments (submissions and reviews).

Completion: a quiz counts when passed, a reflection when submitted, an assignment when
approved; each calls `exercise_mark_complete`.
"""

from courses.exercises.services.common import ANSWER_MAX_CHARS, FEEDBACK_MAX_CHARS, FILE_MAX_BYTES, FILE_TYPES
from courses.exercises.services.conversations import conversation_details_save
from courses.exercises.services.peer_reviews import (
    peer_review_rate,
    peer_review_setup_save,
    peer_review_submit,
    peer_reviews_assign,
    peer_reviews_replace_late,
)
from courses.exercises.services.quizzes import (
    quiz_details_save,
    quiz_has_attempts,
    quiz_questions_save,
    quiz_save,
    quiz_score,
    quiz_settings_save,
    quiz_submit,
)
from courses.exercises.services.reflections import reflection_save_draft, reflection_submit
from courses.exercises.services.rubrics import (
    assignment_details_save,
    assignment_has_reviews,
    rubric_criteria_save,
    rubric_save,
)
from courses.exercises.services.submissions import file_type_detect, review_submit, submission_create

__all__ = [
    "ANSWER_MAX_CHARS",
    "FEEDBACK_MAX_CHARS",
    "FILE_MAX_BYTES",
    "FILE_TYPES",
    "assignment_details_save",
    "assignment_has_reviews",
    "conversation_details_save",
    "file_type_detect",
    "peer_review_rate",
    "peer_review_setup_save",
    "peer_review_submit",
    "peer_reviews_assign",
    "peer_reviews_replace_late",
    "quiz_details_save",
    "quiz_has_attempts",
    "quiz_questions_save",
    "quiz_save",
    "quiz_score",
    "quiz_settings_save",
    "quiz_submit",
    "reflection_save_draft",
    "reflection_submit",
    "review_submit",
    "rubric_criteria_save",
    "rubric_save",
    "submission_create",
]
