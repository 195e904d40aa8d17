"""seed_demo creates every demo exercise and puts demo work in the demo trainer's queue."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from courses.demo.answers import DEMO_ANSWERS
from courses.demo.seed import demo_course_data, demo_translation_files
from courses.exercises.selectors import pending_reviews_by_trainer
from courses.models import Exercise, Option, Question, RubricCriterion, Submission

pytestmark = [pytest.mark.django_db]


def test_seed_demo_exercises_all_kinds_idempotent(django_capture_on_commit_callbacks):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Exercise.objects.count(), Question.objects.count(), Option.objects.count(), Submission.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        Exercise.objects.count(),
        Question.objects.count(),
        Option.objects.count(),
        Submission.objects.count(),
    )
    courses = demo_course_data()
    translations = [json.loads(path.read_text(encoding="utf-8")) for _slug, path in demo_translation_files()]
    expected = {
        (c["course"]["slug"], e["slug"]) for c in courses + translations for m in c["modules"] for e in m["exercises"]
    }
    assert set(Exercise.objects.values_list("course__slug", "slug")) == expected
    assert set(Exercise.objects.values_list("kind", flat=True)) == {k for k, _ in Exercise.Kind.choices}
    # Every module has at least one exercise.
    for course in courses:
        for module in course["modules"]:
            assert Exercise.objects.filter(
                course__slug=course["course"]["slug"], module__title=module["title"]
            ).exists()
    assert RubricCriterion.objects.filter(exercise__slug="write-your-miracle-question").count() == 4


def test_seed_demo_fills_the_demo_trainers_queue():
    call_command("seed_demo", stdout=io.StringIO())
    from accounts.models import User

    trainer = User.objects.get(email="trainer@example.com")
    pending = pending_reviews_by_trainer(trainer_ids=[trainer.pk])[trainer.pk]
    assert len(pending) >= 3
    emails = {s.user.email for s in pending}
    assert "participant@example.com" in emails and "alex@example.com" in emails
    mine = next(s for s in pending if s.user.email == "participant@example.com")
    assert mine.text == DEMO_ANSWERS["assignment"].strip()
    assert User.objects.get(email="alex@example.com").check_password("coach-demo-2026")
