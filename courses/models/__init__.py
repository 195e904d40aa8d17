from courses.models.course import Course, Lesson, LessonAttachment, Module
from courses.models.enrollment import Enrollment, LessonProgress
from courses.models.exercise import Exercise, ExerciseCompletion
from courses.models.licence import Invitation, SeatLicence

__all__ = [
    "Course",
    "Enrollment",
    "Exercise",
    "ExerciseCompletion",
    "Invitation",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "Module",
    "SeatLicence",
]
