"""Every URL of the site, fed hostile input by a user allowed to use it: never a 500, and a refused
request changes nothing.

The URLs come from the resolver, so a new URL is walked without anyone remembering to: it needs
a recipe below (who may use it and which objects its path names), and
`test_hostile_every_url_has_a_recipe` fails until it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from tests.hostile.conftest import Route, WriteSpy, data_checksum, site_routes

# django_db: the test database is set up for this module; the world itself is built once by `walk`.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_of_walk")]

MEGABYTE = "x" * 1_000_000
HUGE = "99999999999999999999999"  # beyond 64 bits
HOSTILE_VALUES = {
    "nul": "before\x00after",
    "megabyte": MEGABYTE,
    "huge": HUGE,
    "negative": "-99999999999999999999",
    "bad-date": "2026-02-30T25:61",
    "unknown-id": "987654321",
}
# Query parameters the site's views read; each hostile GET sets all of them.
QUERY_NAMES = [
    "page",
    "course",
    "state",
    "exercise",
    "attempt",
    "sort",
    "status",
    "format",
    "table",
    "technique",
    "next",
]
# Form fields posted to every POST endpoint, besides those its own page shows.
FIELD_NAMES = [
    "text", "title", "body", "feedback", "decision", "action", "direction", "cohort", "course",
    "kinds", "remove", "next", "date", "starts_on", "ends_on", "starts_at", "ends_at", "email",
    "licence", "shared", "version", "position", "module", "lesson", "ids", "did_it", "note", "language",
]  # fmt: skip
UNKNOWN_ID = "987654321"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Recipe:
    role: str  # anon, participant, trainer, staff, org_admin
    kwargs: list[dict[str, str]] = field(default_factory=lambda: [{}])  # path values, "w.attr.attr" for the world
    saves_on_success: bool = False  # a 2xx answer means the input was accepted (autosave, JSON)


def r(role: str, *variants: dict[str, str], saves: bool = False) -> Recipe:
    return Recipe(role, list(variants) or [{}], saves)


COURSE = {"slug": "w.course.slug"}
COHORT_COURSE = {"slug": "w.cohort_course.slug"}
LESSON = {"course_slug": "w.course.slug", "lesson_slug": "w.lesson.slug"}
ORG = {"org_slug": "w.organization.slug"}
EXERCISES = [
    {"course_slug": "w.course.slug", "exercise_slug": f"w.{kind}.slug"}
    for kind in ("quiz", "reflection", "assignment", "plan", "conversation")
]
MOVABLE = [("module", "module"), ("lesson", "lesson"), ("exercise", "reflection")]
MEMBER = {"pk": "w.cohort.pk", "enrollment_pk": "w.membership.enrollment_id"}

RECIPES: dict[str, Recipe] = {
    "healthz": r("anon"),
    "ping": r("anon"),
    "favicon": r("anon"),
    "webmanifest": r("anon"),
    "styleguide": r("staff"),
    "set_language": r("participant"),  # logged in, the switch saves the profile: hostile input must not
    "javascript-catalog": r("anon"),
    "accounts:profile": r("participant"),
    # learning
    "courses:catalog": r("participant"),
    "courses:course_detail": r("participant", COURSE),
    "courses:course_enroll": r("participant", {"slug": "w.other_course.slug"}),
    # Switching to a course that is no language version of this one is refused: nothing moves.
    "courses:course_switch_version": r("participant", {**COURSE, "target": "w.other_course.slug"}),
    "courses:lesson_detail": r("participant", LESSON, saves=True),  # a visit records where the reader is
    "courses:lesson_complete": r("participant", LESSON),
    "courses:attachment_download": r("participant", {"pk": "w.attachment.pk"}),
    "courses:dashboard": r("participant"),
    # exercises
    "courses:exercise_detail": r("participant", *EXERCISES),
    "courses:exercise_draft": r("participant", EXERCISES[1], saves=True),
    "courses:review_queue": r("trainer"),
    "courses:review_detail": r("trainer", {"pk": "w.submission.pk"}),
    "courses:trainer_reflections": r("trainer", COURSE),
    "courses:submission_file": r("participant", {"pk": "w.submission.pk"}),
    "courses:peer_review_list": r("participant"),
    "courses:peer_review_detail": r("participant", {"pk": "w.peer_review.pk"}),
    "courses:peer_review_rate": r("participant", {"pk": "w.peer_review_received.pk"}),
    # practice conversations
    "courses:practice_exercise": r("participant", EXERCISES[4]),
    "courses:recording_detail": r("participant", {"pk": "w.recording.pk"}),
    "courses:recording_send": r("participant", {"pk": "w.recording.pk"}),
    "courses:recording_media": r("participant", {"pk": "w.recording.pk"}),
    "courses:cohort_practice": r("trainer", {"pk": "w.cohort.pk"}),
    "courses:triads_edit": r("trainer", {"pk": "w.cohort.pk"}),
    "courses:practice_round": r("participant", {"pk": "w.practice_round.pk"}),
    # organizations
    "courses:org_list": r("org_admin"),
    "courses:org_overview": r("org_admin", ORG),
    "courses:org_invite": r("org_admin", ORG),
    "courses:org_import": r("org_admin", ORG),
    "courses:org_import_preview": r("org_admin", {**ORG, "import_id": "w.import_id"}),
    "courses:org_import_confirm": r("org_admin", {**ORG, "import_id": "w.import_id"}),
    "courses:org_invitation_revoke": r("org_admin", {**ORG, "pk": "w.invitation.pk"}),
    "courses:org_invitation_resend": r("org_admin", {**ORG, "pk": "w.invitation.pk"}),
    "courses:org_dashboard": r("org_admin", ORG),
    "courses:org_export": r("org_admin", ORG),
    "courses:invitation_accept": r("participant", {"token": "w.invitation.token"}),
    "courses:invitation_signup": r("anon", {"token": "w.invitation.token"}),
    # certificates and email preferences
    "courses:certificate_verify": r("anon", {"code": "w.certificate.code"}),
    "courses:certificate_download": r("participant", {"pk": "w.certificate.pk"}),
    "courses:email_preferences": r("participant"),
    "courses:unsubscribe": r("anon", {"token": "w.unsubscribe_token"}, saves=True),  # RFC 8058: any POST unsubscribes
    # follow-up
    "courses:followup": r("participant"),
    "courses:followup_share": r("participant"),
    "courses:checkin_open": r("participant", {"pk": "w.checkin.pk"}),
    "courses:practice_log_create": r("participant"),
    "courses:practice_log_update": r("participant", {"pk": "w.log_entry.pk"}),
    "courses:practice_log_delete": r("participant", {"pk": "w.log_entry.pk"}),
    "courses:plan_create": r("participant", EXERCISES[3]),
    "courses:checkin_thanks": r("anon"),
    "courses:checkin_answer": r("anon", {"token": "w.checkin_token"}),
    "courses:buddy_respond": r("anon", {"token": "w.buddy_token"}),
    "courses:plan_observers": r("participant", {"pk": "w.user_plan.pk"}),
    "courses:commitment_replan": r("participant", {"pk": "w.user_commitment.pk"}),
    "courses:observer_answer": r("anon", {"token": "w.observer_token"}),
    "courses:trainer_followup": r("trainer", COURSE),
    "courses:trainer_followup_participant": r("trainer", {**COURSE, "user_id": "w.participant.pk"}),
    "courses:org_followup": r("org_admin", ORG),
    # impact
    **{f"courses:impact_course{s}": r("trainer", COURSE) for s in ("", "_csv", "_pdf")},
    **{f"courses:impact_cohort{s}": r("trainer", {"pk": "w.cohort.pk"}) for s in ("", "_csv", "_pdf")},
    **{f"courses:impact_licence{s}": r("org_admin", {**ORG, "pk": "w.licence.pk"}) for s in ("", "_csv", "_pdf")},
    "courses:impact_kpi_upload": r("org_admin", ORG),
    "courses:reaction_survey": r("participant", COURSE),
    "courses:team_pulse": r("participant", {"course_slug": "w.course.slug"}),
    "courses:pulse_answer": r("anon", {"token": "w.pulse_token"}),
    # studio
    "courses:studio_home": r("trainer"),
    "courses:studio_course_create": r("trainer"),
    "courses:studio_course_import": r("trainer"),
    "courses:studio_course_edit": r("trainer", COURSE),
    "courses:studio_course_status": r("staff", COURSE),
    "courses:studio_course_preview": r("trainer", COURSE),
    "courses:studio_course_duplicate": r("trainer", COURSE),
    "courses:studio_course_export": r("trainer", COURSE),
    "courses:studio_translation_create": r("trainer", COURSE),
    "courses:studio_lesson_mark_current": r("trainer", {**COURSE, "pk": "w.lesson.pk"}),  # not linked: 404
    "courses:studio_analytics": r("trainer", COURSE),
    "courses:studio_trainers": r("trainer", COURSE),
    "courses:studio_module_create": r("trainer", COURSE),
    "courses:studio_module_edit": r("trainer", {**COURSE, "pk": "w.module.pk"}),
    "courses:studio_module_delete": r("trainer", {**COURSE, "pk": "w.module.pk"}),
    "courses:studio_item_move": r("trainer", *({**COURSE, "kind": k, "pk": f"w.{a}.pk"} for k, a in MOVABLE)),
    "courses:studio_item_order": r(
        "trainer",
        {**COURSE, "kind": "modules", "pk": "w.course.pk"},
        {**COURSE, "kind": "lessons", "pk": "w.module.pk"},
        {**COURSE, "kind": "exercises", "pk": "w.module.pk"},
    ),
    "courses:studio_lesson_create": r("trainer", {**COURSE, "module_pk": "w.module.pk"}),
    "courses:studio_lesson_preview": r("trainer", COURSE, saves=True),
    "courses:studio_lesson_edit": r("trainer", {**COURSE, "pk": "w.lesson.pk"}),
    "courses:studio_lesson_delete": r("trainer", {**COURSE, "pk": "w.lesson.pk"}),
    "courses:studio_attachment_add": r("trainer", {**COURSE, "pk": "w.lesson.pk"}),
    "courses:studio_attachment_delete": r("trainer", {**COURSE, "pk": "w.attachment.pk"}),
    "courses:studio_exercise_create": r("trainer", {**COURSE, "module_pk": "w.module.pk"}),
    "courses:studio_exercise_edit": r(
        "trainer",
        *({**COURSE, "pk": f"w.{kind}.pk"} for kind in ("quiz", "reflection", "assignment", "plan", "conversation")),
    ),
    "courses:studio_exercise_delete": r("trainer", {**COURSE, "pk": "w.reflection.pk"}),
    # cohorts
    "courses:cohort_schedule": r("participant", COHORT_COURSE),
    "courses:cohort_pick": r("participant", COHORT_COURSE),
    "courses:session_ics": r("participant", {"pk": "w.session.pk"}),
    "courses:calendar_feed": r("anon", {"token": "w.calendar_token"}),
    "courses:calendar_feed_revoke": r("participant"),
    "courses:cohort_list": r("trainer", COHORT_COURSE),
    "courses:cohort_create": r("trainer", COHORT_COURSE),
    "courses:module_release_list": r("trainer", COHORT_COURSE),
    "courses:module_release_edit": r("trainer", {"pk": "w.cohort_module.pk"}),
    "courses:cohort_detail": r("trainer", {"pk": "w.cohort.pk"}),
    "courses:cohort_edit": r("trainer", {"pk": "w.cohort.pk"}),
    "courses:session_create": r("trainer", {"pk": "w.cohort.pk"}),
    "courses:cohort_member_move": r("trainer", MEMBER),
    "courses:module_early_access": r("trainer", MEMBER),
    "courses:session_edit": r("trainer", {"pk": "w.session.pk"}),
    "courses:session_cancel": r("trainer", {"pk": "w.session.pk"}),
    "courses:attendance_sheet": r("trainer", {"pk": "w.session.pk"}),
    # storefront
    "courses:home": r("anon"),
    "courses:for_organizations": r("anon"),
    "courses:org_request_thanks": r("anon"),
    "courses:course_cover": r("anon", COURSE),
    "courses:trainer_photo": r("anon", {"pk": "w.trainer.pk"}),
    "courses:sitemap": r("anon"),
    "courses:robots_txt": r("anon"),
}

ROUTES = {route.name: route for route in site_routes()}
if "devmail:list" in ROUTES:  # the development outbox exists when lms/urls.py was loaded under DEBUG
    MAIL = {"mail_id": "20260101-000000-1-0"}  # the shape of an id (file stem, index); no such file
    RECIPES.update({"devmail:list": r("anon"), "devmail:detail": r("anon", MAIL), "devmail:html": r("anon", MAIL)})


def resolve(world, spec: str) -> str:
    if not spec.startswith("w."):
        return spec
    value = world
    for attr in spec[2:].split("."):
        value = getattr(value, attr)
    return str(value)


TAG_RE = re.compile(rb"<(?:input|textarea|select)\b([^>]*)>")
NAME_RE = re.compile(rb'\bname="([^"]+)"')
# Files no form should take for what they claim to be, or that crash a naive reader.
HOSTILE_FILES = {
    "nested.json": b"[" * 100_000,
    "utf16.mp3": "Not a recording at all.".encode("utf-16"),
    "video.m4a": b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64,
    "nul.csv": b"email\x00,first_name\nx\x00@example.com,\x00\n",
}


def field_names(body: bytes) -> tuple[list[str], list[str]]:
    """(names of the page's form fields plus the generic ones, names of its file fields)."""
    names, files = set(FIELD_NAMES), set()
    for attrs in TAG_RE.findall(body):
        if match := NAME_RE.search(attrs):
            (files if b'type="file"' in attrs else names).add(match.group(1).decode())
    return sorted(names - files - {"csrfmiddlewaretoken"}), sorted(files)


class Prober:
    """Sends one hostile request inside a savepoint rolled back afterwards, so the world stays."""

    def __init__(self, walk, recipe: Recipe):
        self.walk, self.recipe = walk, recipe
        self.client = walk.clients[recipe.role]
        self.failures: list[str] = []

    def send(self, label: str, method: str, url: str, **kwargs) -> None:
        spy = WriteSpy()
        with transaction.atomic():
            with connection.execute_wrapper(spy):
                response = getattr(self.client, method)(url, **kwargs)
            status = response.status_code
            accepted = 300 <= status < 400 or (self.recipe.saves_on_success and status < 300)
            if status >= 500:
                error = response.exc_info[1] if response.exc_info else None
                self.failures.append(f"{label}: {method.upper()} {url[:120]} answered {status}: {error!r:.300}")
            elif not accepted and spy.wrote and data_checksum() != self.walk.baseline:
                self.failures.append(f"{label}: {method.upper()} {url[:120]} answered {status} but changed data")
            transaction.set_rollback(True)


def form_body(fields: dict[str, str]) -> str:
    return urlencode(fields)


def probe_path(prober: Prober, route: Route, values: dict[str, str], method: str) -> None:
    """Unknown and huge ids, NUL and huge values in each path parameter in turn."""
    for conv, name in route.params:
        for value in [UNKNOWN_ID, HUGE] if conv in {"int", "id"} else ["%00", HUGE]:
            url = route.url({**values, name: value})
            if method == "get":
                prober.send(f"path {name}={value}", "get", url)
            else:
                prober.send(f"path {name}={value}", "post", url, data=form_body({"text": "hi"}), content_type=FORM)


def probe_query_and_form(prober: Prober, url: str) -> str:
    """Hostile query strings (if the URL answers GET) and hostile forms; returns the method to use for paths."""
    page = prober.client.get(url)
    gets = page.status_code != 405
    names, files = field_names(page.content if page.status_code == 200 and not page.streaming else b"")
    for label, value in HOSTILE_VALUES.items():
        if gets:
            prober.send(f"query {label}", "get", f"{url}?{urlencode(dict.fromkeys(QUERY_NAMES, value))}")
        # 1 MB in every field at once would only meet DATA_UPLOAD_MAX_MEMORY_SIZE: a few at a time.
        step = 8 if value is MEGABYTE else len(names)
        for i in range(0, len(names), step):
            body = form_body(dict.fromkeys(names[i : i + step], value))
            prober.send(f"form {label}", "post", url, data=body, content_type=FORM)
    if gets:
        prober.send("query invalid UTF-8", "get", f"{url}?{'&'.join(f'{n}=%FF%FE%C3%28' for n in QUERY_NAMES)}")
    raw = b"&".join(n.encode() + b"=\xff\xfe\xc3(\x00" for n in names)
    prober.send("form invalid UTF-8", "post", url, data=raw, content_type=FORM)
    prober.send("JSON nested", "post", url, data="[" * 100_000, content_type="application/json")
    for filename, content in HOSTILE_FILES.items() if files else ():
        uploads = {name: SimpleUploadedFile(filename, content, "application/octet-stream") for name in files}
        prober.send(f"file {filename}", "post", url, data={**dict.fromkeys(names, ""), **uploads})
    return "get" if gets else "post"


def test_hostile_every_url_has_a_recipe():
    """A new URL must say who may use it and what its path names, or it would be silently skipped."""
    missing = sorted(set(ROUTES) - set(RECIPES))
    stale = sorted(set(RECIPES) - set(ROUTES))
    assert not missing, f"URLs without a hostile-input recipe in {__name__}: {missing}"
    assert not stale, f"recipes for URLs that no longer exist: {stale}"


def test_hostile_routes_use_bounded_converters():
    """Path values reach the database only through converters that refuse what no row can hold:
    `<id:…>` (64-bit keys), `<token:…>` (token characters) and `<slug:…>`; never `<int:…>` or `<str:…>`."""
    loose = sorted(
        f"{r.name}: <{conv}:{name}>" for r in ROUTES.values() for conv, name in r.params if conv in {"int", "str"}
    )
    assert not loose, loose


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_hostile_input_never_500_nor_changes_data(walk, name):
    if name not in RECIPES:
        pytest.fail(f"{name} has no recipe (see test_hostile_every_url_has_a_recipe)")
    route, recipe = ROUTES[name], RECIPES[name]
    prober = Prober(walk, recipe)
    for variant in recipe.kwargs:
        values = {key: resolve(walk.world, spec) for key, spec in variant.items()}
        assert {n for _c, n in route.params} == set(values), f"recipe for {name} misses path values"
        method = probe_query_and_form(prober, route.url(values))
        probe_path(prober, route, values, method)
    if prober.failures:
        pytest.fail("\n".join(prober.failures), pytrace=False)
