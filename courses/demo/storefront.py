"""Demo storefront for `manage.py seed_demo`: the trainer's bio, each course's listing, demo quotes
(marked as such on the page), a short FAQ and two upcoming cohorts, so that the home page,
the course pages and "For organizations" look as they would for a real training company.

Idempotent: rows are found by course, question, quote author or slug before they are created.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from accounts.services import user_update_profile
from courses.cohorts import services as cohorts_svc
from courses.cohorts.models import Cohort
from courses.learning.models import Course
from courses.storefront.models import CourseListing, FaqEntry, Testimonial
from courses.storefront.services import faq_entry_save, listing_save, testimonial_save

COACHING = "coaching-sales-professionals"
BEHAVIOR = "successfully-changing-behavior"

TRAINER_BIO = (
    "Tessa coached sales teams for fifteen years before she started training their managers. "
    "She learned the miracle question from her own teacher and has asked it in hundreds of "
    "one-on-ones since. In her classes you practise more than you listen."
)

LISTINGS = {
    COACHING: {
        "tagline": "Stop transmitting, start coaching: your reps find their own answers.",
        "audience": "Sales managers and team leads with reps of their own\n"
        "Account directors who coach key-account managers\n"
        "New managers who were the best seller and now have to lead sellers",
        "team_changes": "Your one-on-ones turn from advice sessions into conversations"
        " where the rep does the thinking\n"
        "Reps act on plans they made themselves, so you stop chasing them\n"
        "You ask the miracle question when a rep is stuck, and get a concrete next step\n"
        "Coaching becomes a weekly habit, and your week feels less like work",
        "position": 1,
    },
    BEHAVIOR: {
        "tagline": "Wanting something and doing it are two different things.",
        "audience": "Managers who coach people through a change of habits\n"
        "Anyone who has resolved to change something and found it hard\n"
        "Graduates of Coaching Sales Professionals who want the next step",
        "team_changes": "You know why good intentions fail, and plan for it\n"
        "New habits in your team stick beyond the first two weeks\n"
        "You expect change at a realistic pace, and stop being disappointed",
        "position": 2,
    },
}

# Demo data, labelled "Demo quote" on the site: invented people, never real participants.
QUOTES = [
    (
        COACHING,
        (
            "I used to solve every problem my reps brought me. Now I ask, and they solve it. My Monday one-on-"
            "ones take half the time."
        ),
        "Sanne de Vries",
        "Sales manager, office supplies (demo)",
    ),
    (
        COACHING,
        (
            "The miracle question felt odd the first time. The third time, my most stuck account manager wrote "
            "her own plan on the whiteboard."
        ),
        "Daan Jansen",
        "Team lead inside sales (demo)",
    ),
    (
        BEHAVIOR,
        "Finally a course that admits changing behaviour is hard, and then gives you tools that work at home too.",
        "Fatima El Amrani",
        "Regional sales director (demo)",
    ),
    (
        None,
        "Our managers did the cohort together. The shared language alone was worth it: 'is that your agenda or mine?'",
        "Pieter Bakker",
        "Head of sales, B2B software (demo)",
    ),
]

FAQ = [
    (
        "How much time does a master class take?",
        (
            "About eight hours for Coaching Sales Professionals and six for Successfully Changing Behavior, "
            "spread over a few weeks. Lessons are short, so they fit between appointments."
        ),
    ),
    (
        "Self-paced or in a cohort: which should I choose?",
        (
            "Self-paced starts any day and fits an irregular agenda. A cohort gives you fixed dates, live "
            "sessions with the trainer and fellow managers to practise with. Coaching Sales Professionals offers "
            "both."
        ),
    ),
    (
        "Do I get a certificate?",
        (
            "Yes. When you complete every required part you receive a PDF certificate with a public page where "
            "anyone can verify it."
        ),
    ),
    (
        "Can I book seats for my whole team?",
        (
            "Yes. Organizations buy seat licences, invite their managers by email and follow progress on a team "
            "dashboard. Use the request form on the For organizations page."
        ),
    ),
    (
        "What happens after the course?",
        (
            "You make a commitment plan of one to three concrete commitments, with check-ins after 1, 3 and 8 "
            "weeks, and keep a practice log of real coaching conversations."
        ),
    ),
]

# (slug, name, days from today to the start, weeks it runs, capacity)
COHORTS = [
    ("spring-amsterdam", "Spring cohort, Amsterdam", 35, 6, 12),
    ("autumn-online", "Autumn cohort, online", 98, 6, 20),
]


def seed_storefront(users: dict[str, User]) -> None:
    trainer = users.get("trainer")
    if trainer is not None and not trainer.bio:
        user_update_profile(user=trainer, full_name=trainer.full_name, language=trainer.language, bio=TRAINER_BIO)
    courses = {c.slug: c for c in Course.objects.filter(slug__in=[COACHING, BEHAVIOR])}
    for slug, fields in LISTINGS.items():
        if slug in courses and not CourseListing.objects.filter(course=courses[slug]).exists():
            listing_save(listing=CourseListing(course=courses[slug], **fields))
    for position, (slug, quote, name, role) in enumerate(QUOTES, start=1):
        course = courses.get(slug) if slug else None
        if (slug is None or course is not None) and not Testimonial.objects.filter(name=name, language="en").exists():
            testimonial_save(
                testimonial=Testimonial(
                    course=course, quote=quote, name=name, role=role, is_demo=True, position=position
                )
            )
    for position, (question, answer) in enumerate(FAQ, start=1):
        if not FaqEntry.objects.filter(question=question, language="en").exists():
            faq_entry_save(entry=FaqEntry(question=question, answer=answer, position=position))
    if COACHING in courses:
        _cohorts(courses[COACHING], trainer)


def _cohorts(course: Course, trainer: User | None) -> None:
    today = timezone.localdate()
    for slug, name, days, weeks, capacity in COHORTS:
        if Cohort.objects.filter(course=course, slug=slug).exists():
            continue
        starts = today + datetime.timedelta(days=days)
        cohorts_svc.cohort_save(
            cohort=Cohort(
                course=course,
                name=name,
                slug=slug,
                starts_on=starts,
                ends_on=starts + datetime.timedelta(weeks=weeks),
                enrollment_deadline=starts - datetime.timedelta(days=3),
                capacity=capacity,
                timezone="Europe/Amsterdam",
            ),
            trainers=[trainer] if trainer else [],
        )
