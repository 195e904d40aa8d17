"""Shared data for the storefront tests: published courses with listings, cohorts, quotes, FAQ."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.cohorts.models import Cohort
from courses.cohorts.services import cohort_save
from courses.learning.models import Course
from courses.storefront.models import CourseListing, FaqEntry, Testimonial
from courses.storefront.services import faq_entry_save, listing_save, testimonial_save
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, TrainerFactory


def cohort_for(course: Course, *, days: int = 20, capacity: int = 12, name: str = "Spring cohort") -> Cohort:
    start = timezone.localdate() + datetime.timedelta(days=days)
    return cohort_save(
        cohort=Cohort(
            course=course,
            name=name,
            slug=f"c{Cohort.objects.count() + 1}",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=42),
            enrollment_deadline=start - datetime.timedelta(days=2),
            capacity=capacity,
        )
    )


def sold_course(*, title: str = "Coaching Sales Professionals", lessons: int = 2, cohorts: int = 1, quotes: int = 1):
    """A published course, as the storefront shows it: listing, trainer with bio, cohorts, quotes, FAQ."""
    trainer = TrainerFactory(full_name="Tessa Trainer", bio="Fifteen years of coaching sales teams.")
    course = CourseFactory(
        title=title, delivery=Course.Delivery.BOTH, trainers=[trainer], outcomes="Ask the miracle question"
    )
    module = ModuleFactory(course=course)
    for n in range(lessons):
        LessonFactory(module=module, free_preview=(n == 0))
    listing_save(
        listing=CourseListing(
            course=course, tagline="Stop transmitting, start coaching.", audience="Sales managers with a team",
            team_changes="Reps make their own plans",
        )
    )  # fmt: skip
    for n in range(cohorts):
        cohort_for(course, days=20 + n, name=f"Cohort {n}")
    for n in range(quotes):
        testimonial_save(
            testimonial=Testimonial(course=course, quote=f"It changed my one-on-ones {n}.", name=f"Person {n}")
        )
    faq_entry_save(entry=FaqEntry(course=course, question=f"How long does {title} take?", answer="About eight hours."))
    return course


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)
