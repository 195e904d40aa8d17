from courses.models.cohort import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortMembership,
    LiveSession,
    ModuleEarlyAccess,
    ModuleRelease,
)
from courses.models.course import Course, Lesson, LessonAttachment, Module
from courses.models.enrollment import Enrollment, LessonProgress
from courses.models.exercise import Exercise, ExerciseCompletion
from courses.models.followup import (
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.models.licence import Invitation, SeatLicence
from courses.models.quiz import Option, Question, Quiz, QuizAttempt
from courses.models.submission import ReflectionResponse, Review, RubricCriterion, Submission

__all__ = [
    "Buddy",
    "CheckIn",
    "CheckInAnswer",
    "Commitment",
    "CommitmentPlan",
    "FollowupShare",
    "PracticeLogEntry",
    "Attendance",
    "CalendarFeed",
    "Cohort",
    "CohortMembership",
    "LiveSession",
    "ModuleEarlyAccess",
    "ModuleRelease",
    "Course",
    "Enrollment",
    "Exercise",
    "ExerciseCompletion",
    "Invitation",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "Module",
    "Option",
    "Question",
    "Quiz",
    "QuizAttempt",
    "ReflectionResponse",
    "Review",
    "RubricCriterion",
    "Submission",
    "SeatLicence",
]
