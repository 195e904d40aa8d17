"""The one writer of a practice conversation's settings (studio editor, exchange import, demo loader).

The rubric is written by `rubric_criteria_save`, as for an assignment.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from courses.exercises.models import Conversation
from courses.exercises.services.common import check_kind as _check_kind
from courses.exercises.services.peer_reviews import peer_review_setup_save
from courses.exercises.services.rubrics import rubric_criteria_save
from courses.learning.models import Exercise

SETTINGS_KEYS = ("scenario", "role_card", "max_minutes", "peer_comments")


@transaction.atomic
def conversation_details_save(*, exercise: Exercise, details: Mapping) -> None:
    """Settings and rubric in the exchange shape (`{}` writes nothing). Settings left out keep their value;
    the rubric rows as `rubric_criteria_save` takes them (ids optional, positions by default the order)."""
    _check_kind(exercise, Exercise.Kind.CONVERSATION)
    if not details:
        return
    setup = Conversation.objects.select_for_update().filter(exercise=exercise).first() or Conversation(
        exercise=exercise
    )
    for key in SETTINGS_KEYS:
        if key in details:
            setattr(setup, key, details[key])
    setup.full_clean(exclude=["exercise"])
    setup.save()
    if "rubric" in details:
        criteria = [{**c, "position": c.get("position") or n * 10} for n, c in enumerate(details["rubric"], start=1)]
        rubric_criteria_save(exercise=exercise, criteria=criteria)
    if "peer_review" in details:  # the studio's editor only; not part of the exchange format
        peer_review_setup_save(exercise=exercise, **details["peer_review"])
