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
    CommitmentVersion,
    FollowupShare,
    PracticeLogEntry,
)
from courses.followup.models_observers import Observer, ObserverRating, ObserverResponse, ObserverRound
from courses.impact.models import KpiValue, PrePostTest, ReactionSurvey
from courses.impact.models_pulse import PulseActivation, PulseRating, PulseResponse, PulseRound, TeamMember
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
from courses.reminders.models import EmailPreference, Reminder
from courses.storefront.models import CourseListing, FaqEntry, OrganizationRequest, Testimonial

__all__ = [
    "TeamMember",
    "PulseRound",
    "PulseResponse",
    "PulseRating",
    "PulseActivation",
    "ReactionSurvey",
    "PrePostTest",
    "KpiValue",
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
    "CommitmentVersion",
    "Course",
    "CourseListing",
    "EmailPreference",
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
    "Observer",
    "ObserverRating",
    "ObserverResponse",
    "ObserverRound",
    "Option",
    "OrganizationRequest",
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
    "Testimonial",
]
