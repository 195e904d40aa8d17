"""The home page and course landing pages sell the master classes: what changes, for whom, the
format, next cohorts with places left, trainers with photo and bio, demo quotes, FAQ, syllabus."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from courses.certificates.models import Certificate
from courses.certificates.services import certificate_issue
from courses.cohorts.services import cohort_enroll
from courses.learning.models import Course, Enrollment
from courses.learning.services import enrollment_create
from courses.storefront.models import FaqEntry
from courses.storefront.models import Testimonial as Quote
from courses.storefront.services import faq_entry_save
from courses.storefront.services import testimonial_save as quote_save
from tests.courses.storefront.conftest import cohort_for, count_queries, sold_course
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_is_the_storefront_and_the_catalog_moved_to_courses(client):
    """ "/" used to be the catalog; now it is the home page, and the catalog keeps its name at /courses/."""
    assert reverse("courses:home") == "/"
    assert reverse("courses:catalog") == "/courses/"
    sold_course()
    html = client.get("/").content.decode()
    assert "Lead your sales team by coaching" in html
    assert client.get("/courses/").status_code == 200


def test_home_shows_every_selling_section(client):
    """Before, "/" was two plain cards: now it says what changes, for whom, the format, next cohorts
    with places left, trainer bio and picture, labelled demo quotes and FAQ."""
    course = sold_course()
    faq_entry_save(entry=FaqEntry(question="Do I get a certificate?", answer="Yes."))
    html = client.get(reverse("courses:home")).content.decode()
    assert "What changes for you and your team" in html
    assert "Stop transmitting, start coaching." in html  # the listing's tagline
    assert "Sales managers with a team" in html  # who it is for
    assert course.get_delivery_display() in html  # the format
    assert "Cohort 0" in html and "12 places left" in html  # the next cohort, with places left
    assert "Fifteen years of coaching sales teams." in html  # trainer bio
    assert reverse("courses:trainer_photo", args=[course.trainers.get().pk]) in html  # photo or initials
    assert "It changed my one-on-ones 0." in html and "Demo quote" in html  # seeded quotes, labelled
    assert "Do I get a certificate?" in html  # the general FAQ
    assert reverse("courses:course_cover", args=[course.slug]) in html
    assert reverse("courses:for_organizations") in html


def test_home_hides_drafts_and_full_cohorts(client):
    """A draft course is not sold, and a cohort without free places is not offered."""
    course = sold_course(cohorts=0)
    CourseFactory(title="Secret draft", status=Course.Status.DRAFT)
    full = cohort_for(course, name="Full cohort", capacity=1)
    cohort_enroll(user=UserFactory(), course=course, cohort=full)
    html = client.get("/").content.decode()
    assert "Secret draft" not in html
    assert "Full cohort" not in html


def test_home_query_count_is_flat(client, django_assert_num_queries):
    """The same number of queries for one course as for five, each with more cohorts and quotes."""
    sold_course()
    small = count_queries(client, "/")
    for n in range(4):
        sold_course(title=f"Course {n}", lessons=6, cohorts=3, quotes=3)
    assert count_queries(client, "/") == small
    # 1 courses with counts and listing, 2 their trainers, 3 next cohorts, 4 quotes, 5 FAQ.
    with django_assert_num_queries(5):
        client.get("/")


def test_course_page_sells_to_visitors(client):
    """A visitor's course page has every selling section plus the syllabus with free previews marked."""
    course = sold_course()
    html = client.get(course.get_absolute_url()).content.decode()
    for text in (
        "Stop transmitting, start coaching.",
        "Who it is for",
        "Sales managers with a team",
        "What changes for you and your team",
        "Reps make their own plans",
        "Ask the miracle question",  # outcomes
        "Format",
        "Next cohorts",
        "Cohort 0",
        "Fifteen years of coaching sales teams.",
        "It changed my one-on-ones 0.",
        "Demo quote",
        "How long does Coaching Sales Professionals take?",
        "Syllabus",
        "Free preview",
    ):
        assert text in html, text


def test_course_page_of_a_participant_is_not_a_sales_page(client):
    """Enrolled, the page is for learning: no quotes, but still the syllabus and the trainers."""
    course = sold_course()
    user = UserFactory()
    enrollment_create(user=user, course=course)
    client.force_login(user)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Demo quote" not in html
    assert "Syllabus" in html and "Fifteen years of coaching sales teams." in html


def test_course_page_query_count_is_flat_for_visitors(client, django_assert_num_queries):
    """A visitor's course page costs the same queries for a small and a large course."""
    small = sold_course(title="Small")
    large = sold_course(title="Large", lessons=30, cohorts=3, quotes=5)
    count_queries(client, small.get_absolute_url())  # warm the outline cache of both
    count_queries(client, large.get_absolute_url())
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())
    # 1 course, 2 its trainers, 3 listing, 4 next cohorts, 5 quotes, 6 FAQ (the module release
    # rules are cached with the outline).
    with django_assert_num_queries(6):
        client.get(large.get_absolute_url())


def test_completed_course_shows_its_certificate_instead_of_continue(client):
    """Before: a completed course still said "Continue where you left off"."""
    course = sold_course()
    user = UserFactory()
    enrollment, _created = enrollment_create(user=user, course=course)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, completed_at=enrollment.enrolled_at
    )
    enrollment.refresh_from_db()
    certificate, _new = certificate_issue(enrollment=enrollment)
    assert isinstance(certificate, Certificate)
    client.force_login(user)
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Continue where you left off" not in html
    assert reverse("courses:certificate_verify", args=[certificate.code]) in html


@pytest.mark.django_db
def test_a_running_cohort_that_still_takes_people_says_it_started(client):
    """A cohort that began last week but takes late joiners is not sold as the "next" start."""
    course = sold_course(cohorts=0)
    cohort = cohort_for(course, days=-7, name="Running cohort")
    cohort.enrollment_deadline = cohort.starts_on + datetime.timedelta(days=14)
    cohort.save(update_fields=["enrollment_deadline"])
    home = client.get(reverse("courses:home")).content.decode()
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Next cohort starts" not in home
    assert "A cohort started" in home and "join until" in home
    assert "Started" in page and "Running cohort" in page


def test_general_questions_and_quotes_follow_the_readers_language_with_english_as_fallback(client):
    """A Dutch reader gets the Dutch questions and quotes, an English reader the English ones; with
    nothing written in Dutch, the Dutch reader gets the English ones rather than none."""
    course = sold_course()
    faq_entry_save(entry=FaqEntry(question="Do I get a certificate?", answer="Yes."))
    english_only = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Do I get a certificate?" in english_only
    faq_entry_save(entry=FaqEntry(question="Krijg ik een certificaat?", answer="Ja.", language="nl"))
    quote_save(testimonial=Quote(quote="Mijn maandagoverleg duurt korter.", name="Sanne", language="nl"))
    dutch = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Krijg ik een certificaat?" in dutch and "Do I get a certificate?" not in dutch
    assert "Mijn maandagoverleg duurt korter." in dutch  # (the course's own quotes show in any language)
    assert "Do I get a certificate?" in english and "Krijg ik een certificaat?" not in english
    assert "Mijn maandagoverleg" not in english
    course_page = client.get(course.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Krijg ik een certificaat?" in course_page and "Do I get a certificate?" not in course_page


def test_a_cohort_taught_in_another_language_says_so(client):
    """On a Dutch page, a cohort of the English version carries "In het Engels"; on an English page nothing."""
    sold_course()
    assert "In het Engels" in client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'class="badge">In English' not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
