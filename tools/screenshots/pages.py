"""The key pages of the site: ONE list, shared by `make screenshots` (tools/screenshots/) and the
layout and HTML tests (tests/browser/test_layout.py, tests/test_html_valid.py).

Each page says who looks at it (a demo login, or None for a visitor) and how to find its URL in
the demo data that `manage.py seed_demo` makes. `locate()` runs with Django set up and the demo
data in the database; it may write what the page needs to exist (the quiz result needs a failed
attempt) and is idempotent. A page added here is screenshotted and tested without more code.

The newest email the demo sent is the last "page" (`EMAIL`): it is not a URL of the site, so each
consumer shows it its own way (the tool through /dev/mail/ or the mail file, the tests from the
test outbox); `mail_html()` takes its HTML part.
"""

from __future__ import annotations

import email.message
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from courses.cohorts.models import Cohort
from courses.demo.organizations import ADMIN_EMAIL, ORG_SLUG
from courses.demo.seed import DEMO_PASSWORD
from courses.exercises.models import Submission
from courses.exercises.services import quiz_submit
from courses.followup.models import CheckIn, CommitmentPlan
from courses.followup.models_observers import Observer, ObserverResponse, ObserverRound
from courses.followup.services import checkin_url
from courses.followup.tokens import observer_token_dumps
from courses.learning.models import Exercise, Lesson, LessonProgress
from courses.models import QuizAttempt
from courses.organizations.models import SeatLicence
from courses.practice.models import Recording

COURSE = "coaching-sales-professionals"  # the demo participant's main course
REVIEWED_EXERCISE = "write-your-miracle-question"  # the demo participant's submission waits here
IMPACT_COURSE = "successfully-changing-behavior"  # Acme's licence with the impact story
COHORT = "demo-run"  # the demo cohort, with practice groups

# The demo logins (seed_demo). Staff is left out on purpose: staff must pass TOTP first.
LOGINS: dict[str, str] = {
    "participant": "participant@example.com",
    "trainer": "trainer@example.com",
    "orgadmin": ADMIN_EMAIL,
}
PASSWORD = DEMO_PASSWORD


@dataclass(frozen=True)
class KeyPage:
    name: str  # file stem and test id: "home" -> home-390.png
    title: str  # what a person would call it
    role: str | None  # a key of LOGINS, or None for a visitor who is not logged in
    locate: Callable[[], str]  # the URL path, found in the demo data


def _participant() -> User:
    return User.objects.get(email=LOGINS["participant"])


def _lesson() -> str:
    """The lesson the demo participant continues with: the first one not done yet."""
    lessons = Lesson.objects.filter(course__slug=COURSE).order_by("module__position", "position", "id")
    done = LessonProgress.objects.filter(user=_participant()).values_list("lesson_id", flat=True)
    lesson = lessons.exclude(pk__in=done).first() or lessons.first()
    return reverse("courses:lesson_detail", kwargs={"course_slug": COURSE, "lesson_slug": lesson.slug})


def _wrong_answers(exercise: Exercise) -> dict[int, list[int]]:
    """One wrong option per question (a correct one where a question has no wrong option)."""
    answers = {}
    for question in exercise.quiz.questions.prefetch_related("options"):
        options = list(question.options.all())
        wrong = [o for o in options if not o.is_correct] or options
        answers[question.pk] = [wrong[0].pk]
    return answers


def _quiz_result() -> str:
    """The result page of a failed attempt by the demo participant (made once if there is none)."""
    user = _participant()
    exercise = Exercise.objects.filter(course__slug=COURSE, kind=Exercise.Kind.QUIZ).order_by("position", "id").first()
    attempt = QuizAttempt.objects.filter(user=user, exercise=exercise, passed=False).order_by("-pk").first()
    if attempt is None:
        attempt = quiz_submit(user=user, exercise=exercise, answers=_wrong_answers(exercise))
    return f"{exercise.get_absolute_url()}?attempt={attempt.pk}"


def _checkin() -> str:
    """The signed link of the demo participant's check-in that is due (as the reminder mails it)."""
    checkin = (
        CheckIn.objects.filter(plan__user=_participant(), status=CheckIn.Status.SCHEDULED).order_by("due_at").first()
    )
    return checkin_url(checkin=checkin, absolute=False)


def _review() -> str:
    submission = Submission.objects.filter(
        user=_participant(), exercise__course__slug=COURSE, exercise__slug=REVIEWED_EXERCISE
    ).first()
    return reverse("courses:review_detail", kwargs={"pk": submission.pk})


def _observers() -> str:
    """The demo participant's observers page (their commitment plan)."""
    plan = CommitmentPlan.objects.filter(user=_participant()).order_by("pk").first()
    return reverse("courses:plan_observers", kwargs={"pk": plan.pk})


def _observer_answer() -> str:
    """An observer's signed link for a round they have not answered (as the invitation mails it)."""
    answered = set(ObserverResponse.objects.values_list("observer_id", "round_id"))
    rounds = ObserverRound.objects.filter(opens_at__lte=timezone.now()).order_by("-opens_at", "-pk")
    for observer in Observer.objects.order_by("pk"):
        for round_ in rounds.filter(plan_id=observer.plan_id):
            if (observer.pk, round_.pk) not in answered:
                token = observer_token_dumps(observer_id=observer.pk, round_id=round_.pk)
                return reverse("courses:observer_answer", kwargs={"token": token})
    raise LookupError("every demo observer answered every open round")


def _impact() -> str:
    licence = SeatLicence.objects.get(organization__slug=ORG_SLUG, course__slug=IMPACT_COURSE)
    return reverse("courses:impact_licence", kwargs={"org_slug": ORG_SLUG, "pk": licence.pk})


def _practice_take() -> str:
    return Recording.objects.filter(exercise__course__slug=COURSE).order_by("pk").first().get_absolute_url()


def _cohort_practice() -> str:
    return reverse("courses:cohort_practice", kwargs={"pk": Cohort.objects.get(slug=COHORT).pk})


def _url(name: str, **kwargs) -> Callable[[], str]:
    return lambda: reverse(name, kwargs=kwargs)


PAGES: list[KeyPage] = [
    KeyPage("home", "Home", None, lambda: "/"),
    KeyPage("course", "Course landing page", None, _url("courses:course_detail", slug=COURSE)),
    KeyPage("for-organizations", "For organizations", None, _url("courses:for_organizations")),
    KeyPage("catalog", "All courses", None, _url("courses:catalog")),
    KeyPage("lesson", "A lesson", "participant", _lesson),
    KeyPage("quiz-result", "Quiz result (failed attempt)", "participant", _quiz_result),
    KeyPage("my-learning", "My learning", "participant", _url("courses:dashboard")),
    KeyPage("my-follow-up", "My follow-up", "participant", _url("courses:followup")),
    KeyPage("schedule", "Live-session schedule", "participant", _url("courses:cohort_schedule", slug=COURSE)),
    KeyPage("check-in", "Check-in form (signed link)", None, _checkin),
    KeyPage("review", "Trainer's review of a submission", "trainer", _review),
    KeyPage("studio-home", "Studio home", "trainer", _url("courses:studio_home")),
    KeyPage("studio-editor", "Studio course editor", "trainer", _url("courses:studio_course_edit", slug=COURSE)),
    KeyPage("analytics", "Course analytics", "trainer", _url("courses:studio_analytics", slug=COURSE)),
    KeyPage("org-overview", "Organization overview", "orgadmin", _url("courses:org_overview", org_slug=ORG_SLUG)),
    KeyPage("org-dashboard", "Organization dashboard", "orgadmin", _url("courses:org_dashboard", org_slug=ORG_SLUG)),
    KeyPage("observers", "Observers of a commitment plan", "participant", _observers),
    KeyPage("observer-answer", "An observer's answer form (signed link)", None, _observer_answer),
    KeyPage("impact", "Impact report of a seat licence", "orgadmin", _impact),
    KeyPage("practice-take", "A practice take with time-stamped comments", "trainer", _practice_take),
    KeyPage("cohort-practice", "Practice groups and rounds of a cohort", "trainer", _cohort_practice),
]
EMAIL = "email"  # the newest email the demo sent: email-390.png, email-1280.png


def page_named(name: str) -> KeyPage:
    return next(page for page in PAGES if page.name == name)


def mail_html(message: email.message.Message) -> str | None:
    """The HTML part of a mail (None for a text-only mail)."""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload.decode(part.get_content_charset() or "utf-8")
    return None
