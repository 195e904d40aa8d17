"""Reads of the storefront. Each page's queries are fixed in number, whatever the data size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import translation

from accounts.models import User
from courses.cohorts.models import Cohort
from courses.cohorts.selectors import cohorts_open_for_courses
from courses.learning.models import Course, Enrollment
from courses.learning.selectors import catalog_courses
from courses.learning.translations import catalog_pick_versions
from courses.storefront.models import CourseListing, FaqEntry, Testimonial
from courses.storefront.seo import course_jsonld

HOME_QUOTES = 6


def listing_of(course: Course) -> CourseListing:
    """The course's listing, or an empty one (not saved) when none was written yet."""
    try:
        return course.storefront_listing
    except CourseListing.DoesNotExist:
        return CourseListing(course=course)


@dataclass
class HomePage:
    courses: list[Course]
    trainers: list[User]
    testimonials: list[Testimonial]
    faq: list[FaqEntry]
    cohorts: list[Cohort] = field(default_factory=list)


def _languages() -> set[str]:
    """The reader's language and the site's default (the fallback when nothing is written in the first)."""
    return {translation.get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE}


def in_reader_language[T: (Testimonial, FaqEntry)](rows: Iterable[T]) -> list[T]:
    """General quotes and questions in the reader's language, or the default language's when none
    is written in theirs; rows tied to a course are the course's own and always kept."""
    rows = list(rows)
    reader = translation.get_language() or settings.LANGUAGE_CODE
    general = [row for row in rows if row.course_id is None]
    chosen = reader if any(row.language == reader for row in general) else settings.LANGUAGE_CODE
    return [row for row in rows if row.course_id is not None or row.language == chosen]


def home_page() -> HomePage:
    """Everything the home page shows, in five queries:
    1 published courses with counts and listing, 2 their trainers, 3 their next open cohorts,
    4 quotes, 5 general FAQ entries."""
    courses = list(
        catalog_courses()
        .select_related("storefront_listing")
        .prefetch_related(Prefetch("trainers", queryset=User.objects.order_by("full_name", "pk")))
        .order_by("storefront_listing__position", "title")
    )
    cohorts = cohorts_open_for_courses(course_ids=[c.pk for c in courses])
    trainers: dict[int, User] = {}
    for course in courses:
        course.listing = listing_of(course)
        course.next_cohorts = cohorts.get(course.pk, [])
        for cohort in course.next_cohorts:
            cohort.course = course
        for trainer in course.trainers.all():
            trainers.setdefault(trainer.pk, trainer)
    # Each master class once, in the visitor's language; its card lists the open cohorts of
    # every version (a cohort links to its own version's page).
    courses = catalog_pick_versions(courses)
    for course in courses:
        for other in course.other_versions:
            course.next_cohorts = sorted(course.next_cohorts + other.next_cohorts, key=lambda c: (c.starts_on, c.pk))
    quotes = in_reader_language(
        Testimonial.objects.filter(
            Q(course__isnull=True) | Q(course__status=Course.Status.PUBLISHED), language__in=_languages()
        ).select_related("course")
    )[:HOME_QUOTES]
    faq = in_reader_language(FaqEntry.objects.filter(course__isnull=True, language__in=_languages()))
    upcoming = sorted((c for course in courses for c in course.next_cohorts), key=lambda c: (c.starts_on, c.pk))
    return HomePage(courses=courses, trainers=list(trainers.values()), testimonials=quotes, faq=faq, cohorts=upcoming)


def course_page_extras(user: Any, course: Course, enrollment: Enrollment | None) -> dict[str, Any]:
    """The storefront's part of a course page (learning asks it through its hooks).

    For visitors and the not yet enrolled, four queries: 1 listing, 2 next open cohorts, 3 quotes,
    4 FAQ. A participant's course page is their place to learn, not a sales page: no queries."""
    trainers = list(course.trainers.all())  # prefetched by learning's course selector
    if enrollment is not None:
        return {"show_pitch": False, "course_jsonld": course_jsonld(course, trainers=trainers, cohorts=[])}
    listing = CourseListing.objects.filter(course=course).first()
    cohorts = cohorts_open_for_courses(course_ids=[course.pk]).get(course.pk, [])
    for cohort in cohorts:
        cohort.course = course
    return {
        "show_pitch": True,
        "course_jsonld": course_jsonld(course, trainers=trainers, cohorts=cohorts),
        "listing": listing or CourseListing(course=course),
        "next_cohorts": cohorts,
        "testimonials": in_reader_language(
            Testimonial.objects.filter(Q(course=course) | Q(course__isnull=True, language__in=_languages()))
        )[:HOME_QUOTES],
        "faq": in_reader_language(
            FaqEntry.objects.filter(Q(course=course) | Q(course__isnull=True, language__in=_languages()))
        ),
    }


def request_form_choices() -> tuple[list[Course], list[Cohort]]:
    """Published courses and their open cohorts, for the request form (two queries)."""
    courses = list(Course.objects.filter(status=Course.Status.PUBLISHED).order_by("title"))
    by_course = cohorts_open_for_courses(course_ids=[c.pk for c in courses], per_course=20)
    titles = {c.pk: c for c in courses}
    cohorts = []
    for course_id, rows in by_course.items():
        for cohort in rows:
            cohort.course = titles[course_id]
            cohorts.append(cohort)
    return courses, sorted(cohorts, key=lambda c: (c.starts_on, c.pk))


def sitemap_courses() -> list[Course]:
    return list(Course.objects.filter(status=Course.Status.PUBLISHED).order_by("title").only("slug", "updated_at"))


def trainer_for_photo_or_404(*, pk: int) -> User:
    """A trainer (only trainers have public photos and avatars), or 404."""
    user = User.objects.filter(pk=pk, is_trainer=True, is_active=True).only("pk", "full_name", "email", "photo").first()
    if user is None:
        raise Http404("no such trainer")
    return user
