"""seed_demo loads the translated master classes (courses/demo/courses/<language>/<original slug>.json)
through the studio's import, links them to their originals and publishes them, idempotently."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from courses.demo import seed
from courses.demo.seed import demo_translation_files, seed_courses, seed_translations, seed_users
from courses.learning.models import Course, Exercise, Lesson, Module
from courses.storefront.models import CourseListing
from courses.studio.exchange import course_export_data, exchange_check, exchange_dumps

pytestmark = pytest.mark.django_db

ORIGINAL = "coaching-sales-professionals"


def _dutch_placeholder(directory: Path, *, drop_lesson: bool = False) -> Path:
    """A stand-in Dutch file for tests only: the English course's export with Dutch slugs and
    language, written to a temporary directory (the real files come from the translators)."""
    users = seed_users()
    seed_courses(users)
    data = course_export_data(course=Course.objects.get(slug=ORIGINAL))
    data["course"].update(slug="salesprofessionals-coachen", title="Salesprofessionals coachen", language="nl")
    for module in data["modules"]:
        for item in module["lessons"] + module["exercises"]:
            item["slug"] = f"nl-{item['slug']}"[:100]
    if drop_lesson:
        data["modules"][0]["lessons"].pop()
    (directory / "nl").mkdir(exist_ok=True)
    path = directory / "nl" / f"{ORIGINAL}.json"
    path.write_text(exchange_dumps(data) + "\n", encoding="utf-8")
    return path


def _rows() -> dict[str, list]:
    models = (Course, Module, Lesson, Exercise, CourseListing)
    rows = {m.__name__: list(m.objects.order_by("pk").values_list("pk", flat=True)) for m in models}
    rows["links"] = list(Lesson.objects.order_by("pk").values_list("original_id", "original_version", "version"))
    return rows


def test_seed_demo_imports_links_and_publishes_translations_idempotently(tmp_path, monkeypatch):
    _dutch_placeholder(tmp_path)
    monkeypatch.setattr(seed, "TRANSLATIONS_DIR", tmp_path)
    call_command("seed_demo", stdout=io.StringIO())
    first = _rows()
    call_command("seed_demo", stdout=io.StringIO())
    assert _rows() == first
    dutch = Course.objects.get(slug="salesprofessionals-coachen")
    original = Course.objects.get(slug=ORIGINAL)
    assert dutch.translation_of == original and dutch.language == "nl"
    assert dutch.status == Course.Status.PUBLISHED
    assert dutch.lessons.filter(original__course=original).count() == original.lessons.count()
    assert dutch.exercises.filter(original__course=original).count() == original.exercises.count()
    listing = CourseListing.objects.get(course=dutch)
    assert "wondervraag" in listing.team_changes and listing.position == original.storefront_listing.position
    assert Course.objects.filter(language="en").count() == 2  # the English courses are as they were


def test_seed_skips_a_missing_translation_directory(tmp_path, monkeypatch):
    monkeypatch.setattr(seed, "TRANSLATIONS_DIR", tmp_path / "nowhere")
    users = seed_users()
    seed_courses(users)
    assert seed_translations(users) == {}
    assert not Course.objects.filter(translation_of__isnull=False).exists()


def test_seed_refuses_a_translation_with_another_structure(tmp_path, monkeypatch):
    _dutch_placeholder(tmp_path, drop_lesson=True)
    monkeypatch.setattr(seed, "TRANSLATIONS_DIR", tmp_path)
    with pytest.raises(ValidationError):
        seed_translations(seed_users())


def test_the_real_translation_files_are_exchange_files_of_their_originals():
    """Whatever translation files the repository has: valid exchange files in the studio's layout,
    in their directory's language, of an English demo course (checked for structure by the seed)."""
    originals = {path.stem for path in seed.demo_course_files()}
    for original_slug, path in demo_translation_files():
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert exchange_check(data) == [], path
        assert data["course"]["language"] == path.parent.name != "en", path
        assert original_slug in originals and data["course"]["slug"] != original_slug, path
        assert text == exchange_dumps(data) + "\n", f"{path}: not in the studio's export layout"
