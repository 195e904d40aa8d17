from courses.models.certificate import Certificate
from courses.models.course import Course, Lesson, LessonAttachment, Module
from courses.models.enrollment import Enrollment, LessonProgress
from courses.models.exercise import Exercise, ExerciseCompletion
from courses.models.reminder import EmailPreference, Reminder

__all__ = [
    "Certificate",
    "EmailPreference",
    "Reminder",
    "Course",
    "Enrollment",
    "Exercise",
    "ExerciseCompletion",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "Module",
]
