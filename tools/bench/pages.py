"""The pages `make bench` measures, each at the small (demo) and the large size."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from accounts.models import User
from courses.models import Course, Lesson


@dataclass
class Page:
    name: str
    small: Callable[[dict], tuple[str, object]]  # context -> (path, user or None)
    large: Callable[[dict], tuple[str, object]]


def small_context() -> dict:
    course = Course.objects.get(slug="coaching-sales-professionals")
    return {
        "course": course,
        "lesson": Lesson.objects.filter(course=course).order_by("module__position", "position").first(),
        "participant": User.objects.get(email="participant@example.com"),
        "trainer": User.objects.get(email="trainer@example.com"),
    }


def large_context(built) -> dict:
    course = built.courses[0]
    return {
        "course": course,
        "lesson": Lesson.objects.filter(course=course).order_by("module__position", "position").last(),
        "participant": built.participant,
        "trainer": built.trainer,
    }


def build_extra(built) -> None:
    """Data for pages that other areas add (submissions, licences)."""


def extra_benchmarks() -> dict:
    return {}


PAGES = [
    Page("catalog", lambda c: (reverse("courses:catalog"), None), lambda c: (reverse("courses:catalog"), None)),
    Page(
        "course page",
        lambda c: (c["course"].get_absolute_url(), c["participant"]),
        lambda c: (c["course"].get_absolute_url(), c["participant"]),
    ),
    Page(
        "lesson page",
        lambda c: (c["lesson"].get_absolute_url(), c["participant"]),
        lambda c: (c["lesson"].get_absolute_url(), c["participant"]),
    ),
    Page(
        "my learning",
        lambda c: (reverse("courses:dashboard"), c["participant"]),
        lambda c: (reverse("courses:dashboard"), c["participant"]),
    ),
]
