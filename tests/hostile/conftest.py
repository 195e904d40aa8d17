"""The hostile-input walk's world, clients and helpers (no tests here).

One world per module: every object a URL's path converters can name (a course with each kind of
exercise, a cohort with a session, an organization with an invitation, a plan with a check-in and a
buddy, a certificate, an attachment, a submission), one logged-in client per role, and a checksum
of every table the site owns, to prove a refused request changed nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from courses.certificates.services import certificate_issue
from courses.cohorts import selectors as cohort_selectors
from courses.cohorts import services as cohort_services
from courses.exercises import services as exercise_services
from courses.followup.services import checkin_token_create, practice_log_entry_create
from courses.learning.services import enrollment_create, lesson_attachment_save
from courses.models import Course, Enrollment, LessonAttachment, PeerReview
from courses.reminders import engine
from lms.celery import app as celery_app
from tests.courses.cohorts.conftest import make_cohort, make_session
from tests.courses.exercises.conftest import sample
from tests.courses.exercises.conftest import world as exercises_world
from tests.courses.followup.conftest import make_plan
from tests.courses.followup.observer_builders import observer_world
from tests.courses.impact.conftest import pulse_world
from tests.courses.organizations.conftest import csv_bytes, make_invitation, make_org
from tests.courses.practice.conftest import conversation_exercise, practice_round_with_group, practice_take
from tests.factories import CourseFactory, EnrollmentFactory, ModuleFactory, StaffFactory, UserFactory

# --- The URLs to walk ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "courses:lesson_detail", or the route itself when a pattern has no name
    template: str  # "courses/<slug:course_slug>/lessons/<slug:lesson_slug>/"
    callback: str  # dotted path of the view

    @property
    def params(self) -> list[tuple[str, str]]:
        """(converter, name) of each path parameter."""
        return [(conv or "str", name) for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.template)]

    def url(self, values: dict[str, str]) -> str:
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), self.template)


def _skipped(resolver: URLResolver) -> bool:
    # /admin/ is Django's own admin (its forms are Django's; the admin's protections are tested in
    # tests/courses/studio/test_studio_admin.py); allauth's views are allauth's, tested by allauth
    # and rate limited, and their forms already answer bad input with form errors.
    module = getattr(resolver.urlconf_module, "__name__", "")
    return resolver.app_name == "admin" or module.startswith("allauth")


def site_routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern of the site, recursively, except Django's admin and allauth's views."""
    routes: list[Route] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if _skipped(entry):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += site_routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else route
            routes.append(Route(name=name, template=route, callback=entry.lookup_str))
    return routes


# --- The world ------------------------------------------------------------------------------------


def _certificate(user):
    enrollment = EnrollmentFactory(user=user)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.COMPLETED, completed_at=timezone.now())
    enrollment.refresh_from_db()
    certificate, _ = certificate_issue(enrollment=enrollment)
    return certificate


def _followup(w: SimpleNamespace) -> None:
    plan = make_plan(w.participant, w.plan, buddy_email="buddy@example.com")
    w.checkin = plan.checkins.order_by("due_at").first()
    w.checkin_token = checkin_token_create(checkin=w.checkin)
    w.buddy_token = plan.buddy.token
    observer_world(w, plan)
    pulse_world(w, w.participant, plan.course)
    w.log_entry = practice_log_entry_create(
        user=w.participant,
        date=timezone.localdate(),
        member="Team member A",
        topic="Pipeline review",
        technique="grow",
        question="What would help?",
        outcome="A next step",
        next_step="Call on Friday",
        talk_ratio=30,
    )


def _cohorts(w: SimpleNamespace) -> None:
    w.cohort_course = CourseFactory(delivery=Course.Delivery.COHORT, trainers=[w.trainer])
    w.cohort_module = ModuleFactory(course=w.cohort_course)
    w.cohort = make_cohort(course=w.cohort_course, starts_on=datetime.date.today() + datetime.timedelta(days=7))
    w.session = make_session(w.cohort)
    w.membership = cohort_services.cohort_enroll(user=w.participant, course=w.cohort_course, cohort=w.cohort)
    feed = cohort_services.calendar_feed_get_or_create(user=w.participant)
    w.calendar_token = cohort_selectors.calendar_feed_token(feed=feed)


def build_world() -> SimpleNamespace:
    w = exercises_world(with_lesson=True)
    w.staff = StaffFactory()
    w.other_course = CourseFactory()  # published, the participant is not enrolled: course_enroll
    w.attachment = lesson_attachment_save(
        attachment=LessonAttachment(
            lesson=w.lesson,
            title="Cards",
            file=SimpleUploadedFile("cards.pdf", sample("pdf").read(), content_type="application/pdf"),
        )
    )
    w.submission = exercise_services.submission_create(
        user=w.participant, exercise=w.assignment, text="My work.", file=sample("pdf")
    )
    w.certificate = _certificate(w.participant)
    _followup(w)
    _cohorts(w)
    w.organization, w.org_admin, w.licence = make_org(course=w.course)
    w.invitation = make_invitation(w.licence)
    w.unsubscribe_token = engine.unsubscribe_token(user_id=w.participant.id, kind="welcome")
    w.conversation = conversation_exercise(w.module, slug="conversation")
    w.recording = practice_take(w.participant, w.conversation, send=True)
    w.practice_round = practice_round_with_group(w.cohort, [w.participant])
    _peer_reviews(w)
    return w


def _peer_reviews(w: SimpleNamespace) -> None:
    """One peer review for the participant to do, and one done of the participant's own work."""
    author = UserFactory()
    enrollment_create(user=author, course=w.course)
    theirs = exercise_services.submission_create(user=author, exercise=w.assignment, text="Their work.")
    due = timezone.now() + datetime.timedelta(days=7)
    w.peer_review = PeerReview.objects.create(submission=theirs, reviewer=w.participant, due_at=due)
    w.peer_review_received = PeerReview.objects.create(
        submission=w.submission, reviewer=author, due_at=due, status="submitted", feedback="Good.", scores={}
    )


def logged_in(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def import_id_for(client: Client, w: SimpleNamespace) -> str:
    """An org CSV import kept in the org admin's session, as org_import leaves it."""
    upload = SimpleUploadedFile(
        "people.csv", csv_bytes(["email,first_name,last_name", "new.person@example.com,New,Person"]), "text/csv"
    )
    response = client.post(
        f"/org/{w.organization.slug}/import/", {"licence": w.licence.pk, "file": upload}, follow=False
    )
    assert response.status_code == 302, response.content[:500]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


# --- Proof that nothing changed -------------------------------------------------------------------

CHECKED_APPS = ("accounts", "courses", "account", "mfa")


def checked_tables() -> set[str]:
    return {model._meta.db_table for label in CHECKED_APPS for model in apps.get_app_config(label).get_models()}


class WriteSpy:
    """Notes every INSERT, UPDATE or DELETE that names one of the site's tables (cheap, per query),
    so the full checksum is only computed when a request tried to write."""

    WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def __init__(self) -> None:
        self.tables = checked_tables()
        self.wrote: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = self.WRITE.match(sql)
        if match and match.group(1) in self.tables:
            self.wrote.add(match.group(1))
        return execute(sql, params, many, context)


def data_checksum() -> str:
    """A digest of every row of every table the site owns (small world: a few hundred rows)."""
    digest = hashlib.sha256()
    for label in CHECKED_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


@dataclass
class Walk:
    world: SimpleNamespace
    clients: dict[str, Client]
    baseline: str
    extra: dict = field(default_factory=dict)


def _media(tmp_path_factory) -> dict:
    location = tmp_path_factory.getbasetemp() / "hostile-media"
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}}
    }


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module inside a transaction rolled back at its end."""
    storages = {**settings.STORAGES, **_media(tmp_path_factory)}
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with override_settings(STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        w = build_world()
        clients = {
            "anon": logged_in(None),
            "participant": logged_in(w.participant),
            "trainer": logged_in(w.trainer),
            "staff": logged_in(w.staff),
            "org_admin": logged_in(w.org_admin),
        }
        w.import_id = import_id_for(clients["org_admin"], w)
        yield Walk(world=w, clients=clients, baseline=data_checksum())
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def media_of_walk(settings, tmp_path_factory):
    """The world's files stay readable: every test of the module uses the same storage folder."""
    settings.STORAGES = {**settings.STORAGES, **_media(tmp_path_factory)}
