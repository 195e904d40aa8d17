"""A visitor reading a free-preview lesson sees the rest of the course locked, not as links that
answer 404, with "Enroll to continue" as the way in; and on a phone the lesson title comes before
the outline, which is a folded <details> panel."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    ModuleFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _course():
    course = CourseFactory()
    module = ModuleFactory(course=course)
    preview = LessonFactory(module=module, free_preview=True, position=1, title="Open preview")
    locked = LessonFactory(module=module, free_preview=False, position=2, title="Members only lesson")
    exercise = ExerciseFactory(module=module, position=3, title="Members only exercise")
    return course, preview, locked, exercise


def _url(lesson) -> str:
    return reverse("courses:lesson_detail", args=[lesson.course.slug, lesson.slug])


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("who", ["anonymous", "not enrolled"])
def test_free_preview_never_links_to_locked_items(client, who):
    """Old behaviour: the outline and "Next" linked the locked lesson and exercise (both 404)."""
    course, preview, locked, exercise = _course()
    if who != "anonymous":
        client.force_login(UserFactory())
    html = client.get(_url(preview)).content.decode()
    hrefs = _hrefs(html)
    assert _url(locked) not in hrefs
    assert exercise.get_absolute_url() not in hrefs
    assert "Members only lesson" in html and "Members only exercise" in html  # shown, as locked
    assert html.count('class="locked"') >= 3  # outline: lesson and exercise; pager: the next item
    assert "Enroll to continue" in html
    assert course.get_absolute_url() in hrefs


def test_every_link_on_a_free_preview_opens(client):
    """Whatever the preview links to inside the course answers 200 for the same visitor."""
    course, preview, _locked, _exercise = _course()
    html = client.get(_url(preview)).content.decode()
    inside = {h for h in _hrefs(html) if h.startswith(f"/courses/{course.slug}/")}
    assert inside
    for href in inside:
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("who", ["enrolled", "trainer"])
def test_readers_with_access_get_links(client, who):
    course, preview, locked, exercise = _course()
    if who == "enrolled":
        user = UserFactory()
        EnrollmentFactory(user=user, course=course)
    else:
        user = TrainerFactory()
        course.trainers.add(user)
    client.force_login(user)
    html = client.get(_url(preview)).content.decode()
    assert _url(locked) in _hrefs(html)
    assert 'class="locked"' not in html


def test_outline_is_a_folded_panel_below_the_title(client):
    """Old behaviour: the whole outline came first; on a phone the title started ~2,000 px down."""
    course, preview, _locked, _exercise = _course()
    user = UserFactory()
    EnrollmentFactory(user=user, course=course)
    client.force_login(user)
    html = client.get(_url(preview)).content.decode()
    title = html.index("<h1>Open preview</h1>")
    outline = html.index('<details class="lesson-outline')
    body = html.index('class="lesson-body"')
    assert title < outline < body
    opening = html[outline : html.index(">", outline)]
    assert " open" not in opening  # folded on a phone; site.js opens it on a wide screen
