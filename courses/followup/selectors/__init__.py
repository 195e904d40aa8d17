"""Reads for follow-up. Each function owns its joins, so page query counts never grow with data.

The modules: access (permission, signed check-in links), participant (the participant's page),
trainer (trainers' and organization admins' pages).
"""

from courses.followup.selectors.access import (
    CheckinLinkError,
    buddy_for_token_or_404,
    checkin_for_owner_or_404,
    checkin_for_token,
    plan_exercise_for_participant_or_404,
    plan_for_exercise,
    practice_log_entry_for_owner_or_404,
    trainer_participant_or_404,
)
from courses.followup.selectors.participant import (
    LOG_PAGE_SIZE,
    ChartPoint,
    PracticeStats,
    checkin_state,
    enrolled_courses,
    followthrough_chart,
    followthrough_points,
    participant_plans,
    practice_log_for_user,
    practice_stats,
    share_options,
)
from courses.followup.selectors.trainer import (
    DID_IT_KEYS,
    MIN_GROUP_SIZE,
    SHARERS_PAGE_SIZE,
    FollowupStats,
    OrgFollowupStats,
    org_followup_stats,
    trainer_followup_stats,
    trainer_followup_summary,
    trainer_participant_detail,
    trainer_sharers,
)

__all__ = [
    "DID_IT_KEYS",
    "LOG_PAGE_SIZE",
    "MIN_GROUP_SIZE",
    "SHARERS_PAGE_SIZE",
    "ChartPoint",
    "CheckinLinkError",
    "FollowupStats",
    "OrgFollowupStats",
    "PracticeStats",
    "buddy_for_token_or_404",
    "checkin_for_owner_or_404",
    "checkin_for_token",
    "checkin_state",
    "enrolled_courses",
    "followthrough_chart",
    "followthrough_points",
    "org_followup_stats",
    "participant_plans",
    "plan_exercise_for_participant_or_404",
    "plan_for_exercise",
    "trainer_participant_or_404",
    "practice_log_entry_for_owner_or_404",
    "practice_log_for_user",
    "practice_stats",
    "share_options",
    "trainer_followup_stats",
    "trainer_followup_summary",
    "trainer_participant_detail",
    "trainer_sharers",
]
