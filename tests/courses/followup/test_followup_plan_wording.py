"""The commitment-plan instructions state the rules the form enforces (issue 14): how many
commitments (MIN_COMMITMENTS to MAX_COMMITMENTS) and when the recommended check-ins fall
(DEFAULT_CHECKIN_WEEKS). The page derives its wording from those constants; the demo course's
own instructions are written text, so a test reads them against the same constants."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from courses.demo.seed import demo_course_data
from courses.followup.models import DEFAULT_CHECKIN_WEEKS, MAX_COMMITMENTS, MAX_MONTHS_AHEAD, MIN_COMMITMENTS
from courses.followup.wording import number_word
from tests.courses.followup.conftest import participant, plan_exercise

pytestmark = pytest.mark.django_db

# Written out here, not taken from the code under test.
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _number(token: str) -> int:
    return int(token) if token.isdigit() else WORDS[token.lower()]


def _weeks_in(text: str) -> list[list[int]]:
    """Every "after 1, 3 and 8 weeks" / "after one week" in the text, as lists of numbers."""
    found = []
    for match in re.finditer(r"\bafter ((?:\w+, )*\w+(?: and \w+)?) weeks?\b", text, flags=re.I):
        found.append([_number(t) for t in re.split(r", | and ", match.group(1))])
    return found


def _commitment_ranges_in(text: str) -> list[tuple[int, int]]:
    """Every "one to three commitments" / "one or two behaviours" in the text."""
    pattern = r"\b(\w+) (?:to|or) (\w+) (?:commitments|behaviours)\b"
    return [(_number(a), _number(b)) for a, b in re.findall(pattern, text, flags=re.I) if a.lower() in WORDS]


def test_number_word_spells_small_numbers():
    assert [number_word(n) for n in (1, 3, 8)] == ["one", "three", "eight"]
    assert number_word(42) == "42"


def test_plan_page_states_the_numbers_the_form_enforces(client):
    exercise = plan_exercise()
    user = participant(exercise.course)
    client.force_login(user)
    html = client.get(reverse("courses:plan_create", args=[exercise.course.slug, exercise.slug])).content.decode()
    text = strip_tags(html)
    assert _commitment_ranges_in(text) and set(_commitment_ranges_in(text)) == {(MIN_COMMITMENTS, MAX_COMMITMENTS)}
    assert _weeks_in(text) == [list(DEFAULT_CHECKIN_WEEKS)]
    assert f"within {MAX_MONTHS_AHEAD} months" in text
    # ... and the form offers exactly that many commitment rows.
    assert html.count('name="commitments-') == 3 * MAX_COMMITMENTS + 4  # 3 fields a row + management form


def test_plan_exercise_panel_states_the_commitment_range(client):
    exercise = plan_exercise()
    client.force_login(participant(exercise.course))
    html = client.get(exercise.get_absolute_url()).content.decode()
    text = strip_tags(html)
    assert set(_commitment_ranges_in(text)) == {(MIN_COMMITMENTS, MAX_COMMITMENTS)}
    assert list(DEFAULT_CHECKIN_WEEKS) in _weeks_in(text)


def test_demo_commitment_plan_instructions_match_the_form():
    """The demo course's plan exercise and the lessons of its module say 1-3 commitments and
    check-ins after 1, 3 and 8 weeks (they said "one or two" and "six weeks")."""
    checked = 0
    for course in demo_course_data():
        for module in course["modules"]:
            plans = [e for e in module.get("exercises", []) if e.get("kind") == "plan"]
            if not plans:
                continue
            texts = [e["instructions"] for e in plans] + [lesson["body"] for lesson in module.get("lessons", [])]
            texts.append(course["course"]["description"])
            for text in texts:
                for weeks in _weeks_in(text):
                    assert set(weeks) <= set(DEFAULT_CHECKIN_WEEKS), (weeks, text[:80])
                for low, high in _commitment_ranges_in(text):
                    assert (low, high) == (MIN_COMMITMENTS, MAX_COMMITMENTS), text[:80]
                for most in re.findall(r"no more than (\w+)", text):
                    assert _number(most) == MAX_COMMITMENTS, text[:80]
            instructions = " ".join(e["instructions"] for e in plans)
            assert _weeks_in(instructions) == [list(DEFAULT_CHECKIN_WEEKS)]
            assert _commitment_ranges_in(instructions) == [(MIN_COMMITMENTS, MAX_COMMITMENTS)]
            checked += 1
    assert checked >= 1
