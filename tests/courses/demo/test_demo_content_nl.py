"""The Dutch master classes (courses/demo/courses/nl/): complete, the same course as the English
original item for item, and written in Dutch.

Structure is compared value by value: every number and flag (quiz `correct` flags, pass marks,
minutes, free previews) must equal the original's, every list must have the original's length,
and every text must differ from the original's (nothing left in English by accident).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from courses.demo.seed import demo_course_files, demo_translation_files

# Keys whose values are names, not prose: they may equal the original's.
NOT_PROSE = {"format", "video_url", "kind", "reveal_answers", "language", "delivery"}
ENGLISH_ONLY = re.compile(r"(?<![-\w])(the|and|with|your|you|which|what|when|this)(?![-\w])")


@cache
def _pairs() -> list[tuple[str, dict, dict]]:
    originals = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in demo_course_files()}
    return [
        (slug, originals[slug], json.loads(path.read_text(encoding="utf-8")))
        for slug, path in demo_translation_files()
        if path.parent.name == "nl"
    ]


def _compare(original: Any, dutch: Any, where: str, problems: list[str]) -> None:
    if isinstance(original, dict):
        if list(original) != list(dutch):
            problems.append(f"{where}: keys {list(dutch)} != {list(original)}")
            return
        for key in original:
            _compare(original[key], dutch[key], f"{where}.{key}", problems)
    elif isinstance(original, list):
        if len(original) != len(dutch):
            problems.append(f"{where}: {len(dutch)} items, the original has {len(original)}")
            return
        for index, (a, b) in enumerate(zip(original, dutch, strict=True)):
            _compare(a, b, f"{where}[{index}]", problems)
    elif isinstance(original, str):
        key = where.rsplit(".", 1)[-1]
        if original.strip() and key not in NOT_PROSE and original == dutch:
            problems.append(f"{where}: the same text as the English original")
    elif original != dutch:
        problems.append(f"{where}: {dutch!r} != the original's {original!r}")


def _texts(data: Any):
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE and key != "slug":
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)
    elif isinstance(data, str):
        yield data


def test_both_master_classes_have_a_dutch_version():
    assert sorted(slug for slug, _o, _d in _pairs()) == sorted(path.stem for path in demo_course_files())


@pytest.mark.parametrize("index", [0, 1])
def test_the_dutch_version_has_the_originals_structure_numbers_and_answers_and_no_english_text(index):
    slug, original, dutch = _pairs()[index]
    problems: list[str] = []
    _compare(original, dutch, slug, problems)
    assert problems == [], "\n".join(problems[:20])
    assert dutch["course"]["language"] == "nl"


@pytest.mark.parametrize("index", [0, 1])
def test_the_dutch_version_reads_as_dutch(index):
    """No sentence-level English: common English function words are absent from every text."""
    slug, _original, dutch = _pairs()[index]
    english = [text[:80] for text in _texts(dutch) if ENGLISH_ONLY.search(text)]
    assert english == [], f"{slug}: English words in {english[:5]}"
    lessons = [lesson for module in dutch["modules"] for lesson in module["lessons"]]
    assert all(len(lesson["body"].split()) >= 150 for lesson in lessons), slug


def test_the_dutch_versions_use_the_fields_own_terms():
    bodies = {slug: json.dumps(dutch, ensure_ascii=False).lower() for slug, _o, dutch in _pairs()}
    assert "de wondervraag" in bodies["coaching-sales-professionals"]
    assert "als-dan-plan" in bodies["successfully-changing-behavior"]
    assert "schaalvraag" in bodies["coaching-sales-professionals"] + bodies["successfully-changing-behavior"]
