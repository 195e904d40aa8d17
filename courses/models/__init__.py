"""The courses app's models, one module per area (as Zulip's zerver/models/)."""

from courses.models.certificate import Certificate
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
from courses.models.reminder import EmailPreference, Reminder
from courses.models.submission import ReflectionResponse, Review, RubricCriterion, Submission

__all__ = [
    "Attendance",
    "Buddy",
    "CalendarFeed",
    "Certificate",
    "CheckIn",
    "CheckInAnswer",
    "Cohort",
    "CohortMembership",
    "Commitment",
    "CommitmentPlan",
    "Course",
    "EmailPreference",
    "Enrollment",
    "Exercise",
    "ExerciseCompletion",
    "FollowupShare",
    "Invitation",
    "Lesson",
    "LessonAttachment",
    "LessonProgress",
    "LiveSession",
    "Module",
    "ModuleEarlyAccess",
    "ModuleRelease",
    "Option",
    "PracticeLogEntry",
    "Question",
    "Quiz",
    "QuizAttempt",
    "ReflectionResponse",
    "Reminder",
    "Review",
    "RubricCriterion",
    "SeatLicence",
    "Submission",
]
