"""Writes for follow-up: commitment plans, buddies, check-ins and the coaching practice log.

Nothing here looks at the enrollment's status: check-ins go on after a course is completed.
The modules: plans (dates, plans, buddies, sharing), checkins (links, answering), practice_log.
"""

from courses.followup.services.checkins import (
    CommitmentAnswerInput,
    checkin_answer,
    checkin_token_create,
    checkin_url,
)
from courses.followup.services.plans import (
    CHECKIN_HOUR,
    DEFAULT_CHECKIN_WEEKS,
    MAX_CHECKINS_PER_PLAN,
    MAX_MONTHS_AHEAD,
    CommitmentInput,
    buddy_respond,
    checkin_dates_validate,
    checkin_due_at,
    checkin_latest_date,
    default_checkin_dates,
    followup_share_update,
    plan_create,
)
from courses.followup.services.practice_log import (
    PRACTICE_LOG_FIELDS,
    PRACTICE_LOG_MIN_ENTRIES,
    PSEUDONYM_MARKERS,
    practice_log_completion_check,
    practice_log_entry_create,
    practice_log_entry_delete,
    practice_log_entry_update,
    practice_log_member_problem,
    practice_log_requirement,
)
from courses.followup.tokens import CHECKIN_LINK_MAX_AGE, CHECKIN_TOKEN_SALT

__all__ = [
    "CHECKIN_HOUR",
    "CHECKIN_LINK_MAX_AGE",
    "CHECKIN_TOKEN_SALT",
    "DEFAULT_CHECKIN_WEEKS",
    "MAX_CHECKINS_PER_PLAN",
    "MAX_MONTHS_AHEAD",
    "PRACTICE_LOG_FIELDS",
    "PRACTICE_LOG_MIN_ENTRIES",
    "PSEUDONYM_MARKERS",
    "CommitmentAnswerInput",
    "CommitmentInput",
    "buddy_respond",
    "checkin_answer",
    "checkin_dates_validate",
    "checkin_due_at",
    "checkin_latest_date",
    "checkin_token_create",
    "checkin_url",
    "default_checkin_dates",
    "followup_share_update",
    "plan_create",
    "practice_log_completion_check",
    "practice_log_entry_create",
    "practice_log_entry_delete",
    "practice_log_entry_update",
    "practice_log_member_problem",
    "practice_log_requirement",
]
