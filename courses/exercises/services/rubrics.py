"""The one writer of an assignment's rubric criteria (studio editor, exchange import, demo loader).

Criteria are updated in place: reviews store scores by criterion id, so removing a criterion
is refused once a submission of the assignment has been reviewed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.exercises.models import Review, RubricCriterion
from courses.exercises.services.common import check_kind as _check_kind
from courses.exercises.services.peer_reviews import peer_review_setup_save
from courses.learning.models import Exercise


def assignment_has_reviews(exercise: Exercise) -> bool:
    return Review.objects.filter(submission__exercise=exercise).exists()


@transaction.atomic
def rubric_criteria_save(*, exercise: Exercise, criteria: Sequence[Mapping]) -> None:
    """Update, add and delete criteria in place.

    `criteria`: [{"id": int|None, "delete": bool, "name", "description", "max_score", "position"}].
    Criteria without an id are new; existing criteria left out are removed. Removing a
    criterion is refused once a submission of this assignment has been reviewed.
    """
    if exercise.kind not in (Exercise.Kind.ASSIGNMENT, Exercise.Kind.CONVERSATION):
        raise ValidationError(_("This exercise is not a practice assignment."), code="wrong_kind")
    existing = {c.pk: c for c in RubricCriterion.objects.select_for_update().filter(exercise=exercise)}
    if {c["id"] for c in criteria if c.get("id")} - set(existing):
        raise ValidationError(_("Some rubric criteria no longer exist; reload the page."), code="stale")
    removed = set(existing) - {c["id"] for c in criteria if c.get("id") and not c.get("delete")}
    if removed and assignment_has_reviews(exercise):
        raise ValidationError(
            _("Submissions have already been reviewed against this rubric, so criteria cannot be removed."),
            code="in_use",
        )
    RubricCriterion.objects.filter(pk__in=removed).delete()
    for c in criteria:
        if c.get("delete"):
            continue
        row = existing.get(c.get("id")) or RubricCriterion(exercise=exercise)
        row.name, row.description = c["name"], c.get("description", "")
        row.max_score, row.position = c["max_score"], c["position"]
        row.full_clean()
        row.save()


@transaction.atomic
def assignment_details_save(*, exercise: Exercise, details: Mapping) -> None:
    """An assignment's rubric in the exchange shape `{"rubric": [...]}` (`{}` writes nothing), ids
    and positions optional (as `rubric_criteria_save` takes them; by default the list's order)."""
    if details and "rubric" in details:
        criteria = [{**c, "position": c.get("position") or n * 10} for n, c in enumerate(details["rubric"], start=1)]
        rubric_criteria_save(exercise=exercise, criteria=criteria)
    if details and "peer_review" in details:  # the studio's editor only; not part of the exchange format
        peer_review_setup_save(exercise=exercise, **details["peer_review"])


@transaction.atomic
def rubric_save(*, exercise: Exercise, criteria: Sequence[Mapping]) -> list[RubricCriterion]:
    """Replace an assignment's rubric. `criteria`: [{"name", "description", "max_score"}] in order."""
    _check_kind(exercise, Exercise.Kind.ASSIGNMENT)
    rows = [
        {"name": c["name"], "description": c.get("description", ""), "max_score": c.get("max_score", 4)}
        for c in criteria
    ]
    assignment_details_save(exercise=exercise, details={"rubric": rows})
    return list(RubricCriterion.objects.filter(exercise=exercise).order_by("position", "id"))
