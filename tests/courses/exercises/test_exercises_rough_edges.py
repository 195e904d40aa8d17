"""Rough edges a new participant hit on exercise pages (issue 14): the order of feedback and
the resubmission form, and what a quiz result reveals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.models import Submission
from tests.courses.exercises.conftest import world

pytestmark = [pytest.mark.django_db]


def test_needs_revision_feedback_sits_above_the_resubmission_form(client):
    """The feedback used to be at the bottom of the page, below the form that asks for a revision."""
    w = world()
    client.force_login(w.participant)
    url = w.assignment.get_absolute_url()
    client.post(url, {"text": "version one"})
    submission = Submission.objects.get()
    client.force_login(w.trainer)
    rubric = list(w.assignment.rubric_criteria.all())
    data = {f"score_{c.pk}": "2" for c in rubric} | {"decision": "needs_revision", "feedback": "FEEDBACK-OPEN-IT-UP"}
    client.post(reverse("courses:review_detail", args=[submission.pk]), data)
    client.force_login(w.participant)
    html = client.get(url).text
    assert html.count("FEEDBACK-OPEN-IT-UP") == 1  # shown once, not again in the history
    assert 'id="submission-form"' in html
    assert html.index("FEEDBACK-OPEN-IT-UP") < html.index('id="submission-form"')
