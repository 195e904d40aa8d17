"""The courses app's models, re-exported from the area packages so that Django finds them."""

from courses.certificates.models import Certificate
from courses.cohorts.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortMembership,
    LiveSession,
    ModuleEarlyAccess,
    ModuleRelease,
)
from courses.exercises.models import (
    Conversation,
    Option,
    Question,
    Quiz,
    QuizAttempt,
    ReflectionResponse,
    Review,
    RubricCriterion,
    Submission,
)
from courses.followup.models import (
    Buddy,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentPlan,
    FollowupShare,
    PracticeLogEntry,
)
from courses.learning.models import (
    Course,
    Enrollment,
    Exercise,
    ExerciseCompletion,
    Lesson,
    LessonAttachment,
    LessonProgress,
    Module,
)
from courses.organizations.models import Invitation, SeatLicence
from courses.practice.models import Recording, TimedComment
from courses.reminders.models import EmailPreference, Reminder
from courses.storefront.models import CourseListing, FaqEntry, OrganizationRequest, Testimonial

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
    "CourseListing",
    "EmailPreference",
    "Conversation",
    "Enrollment",
    "Exercise",
    "ExerciseCompletion",
    "FaqEntry",
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
    "OrganizationRequest",
    "PracticeLogEntry",
    "Question",
    "Quiz",
    "QuizAttempt",
    "ReflectionResponse",
    "Recording",
    "Reminder",
    "Review",
    "RubricCriterion",
    "SeatLicence",
    "Submission",
    "Testimonial",
    "TimedComment",
]
