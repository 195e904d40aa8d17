"""Organization pages: tenant isolation (generated from the URL list), roles, flows, export, query counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.urls import URLPattern, reverse
from django.utils import timezone

from accounts.models import Membership, User
from courses.models import Enrollment, Invitation, LessonProgress
from courses.organizations import urls as org_urls
from lms.csv_export import csv_safe
from tests.courses.organizations.conftest import csv_bytes, make_invitation, make_org
from tests.factories import PASSWORD, EnrollmentFactory, ExerciseFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

# Pages that do not carry an organization: the admin's own list and the invitee's pages.
NOT_ORG_SCOPED = {"org_list", "invitation_accept", "invitation_signup"}


def _org_patterns() -> list[URLPattern]:
    return [p for p in org_urls.urlpatterns if "org_slug" in p.pattern.converters]


def _build(pattern: URLPattern, org, invitation) -> str:
    values = {"org_slug": org.slug, "pk": invitation.pk, "import_id": "someimport"}
    return reverse(f"courses:{pattern.name}", kwargs={k: values[k] for k in pattern.pattern.converters})


@pytest.fixture
def two_orgs():
    org_a, admin_a, licence_a = make_org()
    org_b, admin_b, _ = make_org()
    invitation_a = make_invitation(licence_a, email="a-invitee@example.com")
    return org_a, admin_a, licence_a, invitation_a, admin_b


def test_every_org_url_is_either_org_scoped_or_listed():
    names = {p.name for p in org_urls.urlpatterns}
    scoped = {p.name for p in _org_patterns()}
    assert names - scoped == NOT_ORG_SCOPED
    assert {"org_overview", "org_dashboard", "org_export", "org_invitation_revoke", "org_invitation_resend",
            "org_import_confirm"} <= scoped  # fmt: skip


@pytest.mark.parametrize("pattern", _org_patterns(), ids=lambda p: p.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_org_url_other_orgs_admin_gets_404(client, two_orgs, pattern, method):
    org_a, _, licence_a, invitation_a, admin_b = two_orgs
    client.force_login(admin_b)
    response = getattr(client, method)(_build(pattern, org_a, invitation_a))
    assert response.status_code == 404
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.PENDING  # revoke/resend did nothing


@pytest.mark.parametrize("pattern", _org_patterns(), ids=lambda p: p.name)
def test_org_url_member_who_is_not_admin_gets_403(client, two_orgs, pattern):
    org_a, _, _, invitation_a, _ = two_orgs
    member = MembershipFactory(organization=org_a, role=Membership.Role.MEMBER).user
    client.force_login(member)
    assert client.get(_build(pattern, org_a, invitation_a)).status_code == 403
    assert client.post(_build(pattern, org_a, invitation_a)).status_code == 403


@pytest.mark.parametrize("pattern", _org_patterns(), ids=lambda p: p.name)
def test_org_url_anonymous_is_sent_to_login(client, two_orgs, pattern):
    org_a, _, _, invitation_a, _ = two_orgs
    response = client.get(_build(pattern, org_a, invitation_a))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("pattern", _org_patterns(), ids=lambda p: p.name)
def test_org_url_participant_and_trainer_get_404(client, two_orgs, pattern):
    org_a, _, licence_a, invitation_a, _ = two_orgs
    participant = EnrollmentFactory(course=licence_a.course).user
    trainer = UserFactory(is_trainer=True)
    licence_a.course.trainers.add(trainer)
    for user in (participant, trainer):
        client.force_login(user)
        assert client.get(_build(pattern, org_a, invitation_a)).status_code == 404


def test_org_overview_shows_licences_and_pending_invitations(client):
    org, admin, licence = make_org(seats=20)
    licence.seats_used = 3
    licence.save()
    make_invitation(licence, email="pending@example.com")
    staff = StaffFactory()
    for user in (admin, staff):
        client.force_login(user)
        response = client.get(reverse("courses:org_overview", kwargs={"org_slug": org.slug}))
        content = response.content.decode()
        assert response.status_code == 200
        assert "3 / 20" in content and "pending@example.com" in content
        assert reverse("courses:org_import", kwargs={"org_slug": org.slug}) in content


def test_org_list_shows_only_administered_orgs(client):
    org, admin, _ = make_org()
    other, _, _ = make_org()
    client.force_login(admin)
    content = client.get(reverse("courses:org_list")).content.decode()
    assert org.name in content and other.name not in content


def test_org_invite_one_then_revoke_and_resend(client, django_capture_on_commit_callbacks):
    org, admin, licence = make_org()
    client.force_login(admin)
    url = reverse("courses:org_invite", kwargs={"org_slug": org.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"licence": licence.pk, "email": "one@example.com", "first_name": "One"})
    assert response.status_code == 302
    inv = Invitation.objects.get(email="one@example.com")
    assert len(mail.outbox) == 1
    response = client.post(url, {"licence": licence.pk, "email": "not an email"})
    assert response.status_code == 400 and Invitation.objects.count() == 1
    kwargs = {"org_slug": org.slug, "pk": inv.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("courses:org_invitation_resend", kwargs=kwargs))
    assert len(mail.outbox) == 2
    client.post(reverse("courses:org_invitation_revoke", kwargs=kwargs))
    assert Invitation.objects.get(pk=inv.pk).status == Invitation.Status.REVOKED
    assert client.get(reverse("courses:org_invitation_revoke", kwargs=kwargs)).status_code == 405


def _upload(client, org, licence, data: bytes, name="team.csv"):
    return client.post(
        reverse("courses:org_import", kwargs={"org_slug": org.slug}),
        {"licence": licence.pk, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_org_import_preview_then_confirm(client, django_capture_on_commit_callbacks):
    org, admin, licence = make_org(seats=2)
    client.force_login(admin)
    data = csv_bytes(["email,first_name,last_name", "a@example.com,A,A", "bad,B,B", "c@example.com,C,C",
                      "d@example.com,D,D"])  # fmt: skip
    response = _upload(client, org, licence, data)
    assert response.status_code == 302
    assert Invitation.objects.count() == 0  # nothing written before confirm
    preview = client.get(response["Location"]).content.decode()
    assert "Invalid email address" in preview and "Over the seat limit" in preview
    assert re.search(r"<td>3</td>\s*<td>bad</td>", preview)  # the problem shows its line number
    confirm_url = response["Location"] + "confirm/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    assert response.status_code == 302
    assert set(Invitation.objects.values_list("email", flat=True)) == {"a@example.com", "c@example.com"}
    assert len(mail.outbox) == 2
    overview = client.get(response["Location"]).content.decode()
    assert "a@example.com" in overview and "2 invitation(s) created" in overview
    # The stored preview is gone after confirming.
    assert client.post(confirm_url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        ("email,first_name,last_name\nzoë@x.com,Zoë,Ä\n".encode("cp1252"), "not UTF-8"),
        (bytes(range(256)) * 4, "binary"),
        (b"email;name\na@example.com;A\n", "Missing column(s): first_name, last_name"),
        (None, "more than 5000 rows"),
    ],
)
def test_org_import_bad_csv_shows_message_and_writes_nothing(client, data, message):
    org, admin, licence = make_org()
    client.force_login(admin)
    if data is None:
        data = ("email,first_name,last_name\n" + "".join(f"p{i}@example.com,A,B\n" for i in range(5001))).encode()
    response = _upload(client, org, licence, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Invitation.objects.count() == 0
    assert "org_imports" not in client.session


def test_org_import_confirm_when_seats_ran_out_meanwhile_shows_message(client):
    org, admin, licence = make_org(seats=2)
    client.force_login(admin)
    response = _upload(client, org, licence, csv_bytes(["email,first_name,last_name", "a@x.com,A,A", "b@x.com,B,B"]))
    make_invitation(licence, email="late@example.com")
    response = client.post(response["Location"] + "confirm/", follow=True)
    assert "Nobody was invited" in response.content.decode()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["late@example.com"]


# ---------------------------------------------------------------- accept pages


def test_invitation_page_anonymous_offers_signup_and_login(client):
    _, _, licence = make_org()
    inv = make_invitation(licence, email="new@example.com")
    content = client.get(reverse("courses:invitation_accept", kwargs={"token": inv.token})).content.decode()
    assert reverse("courses:invitation_signup", kwargs={"token": inv.token}) in content
    assert reverse("account_login") + "?next=" in content
    assert client.session["invitation_token"] == inv.token


def test_invitation_signup_locks_email_verifies_accepts_and_opens_the_course(client):
    """One form: the account is created (address locked and verified), the seat taken, the invitee
    logged in and sent to the course, with no second "Accept" click (issue 14)."""
    org, _, licence = make_org()
    inv = make_invitation(licence, email="new@example.com", first_name="Nia", last_name="Ode")
    url = reverse("courses:invitation_signup", kwargs={"token": inv.token})
    form = client.get(url).content.decode()
    assert 'value="new@example.com"' in form and "readonly" in form and 'value="Nia Ode"' in form
    response = client.post(
        url,
        {"email": "attacker@example.com", "full_name": "Nia Ode", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="new@example.com")
    assert not User.objects.filter(email="attacker@example.com").exists()
    assert user.emailaddress_set.get().verified
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:course_detail", kwargs={"slug": licence.course.slug})
    assert Enrollment.objects.get(user=user).source == Enrollment.Source.ORGANIZATION
    assert Membership.objects.filter(user=user, organization=org).exists()
    licence.refresh_from_db()
    assert licence.seats_used == 1
    assert client.session["_auth_user_id"] == str(user.pk)
    course_page = client.get(response["Location"])
    assert course_page.status_code == 200 and "Welcome to" in course_page.content.decode()


def test_invitation_signup_when_seats_ran_out_logs_in_and_explains(client):
    """The seat went meanwhile: the account exists and is logged in, and the page says why there is no course."""
    _, _, licence = make_org(seats=1)
    inv = make_invitation(licence, email="new@example.com")
    licence.seats_used = 1
    licence.save()
    url = reverse("courses:invitation_signup", kwargs={"token": inv.token})
    response = client.post(
        url, {"email": "new@example.com", "full_name": "Nia Ode", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 409 and "No seats left" in response.content.decode()
    user = User.objects.get(email="new@example.com")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not Enrollment.objects.filter(user=user).exists()


def test_invitation_page_refuses_different_logged_in_email(client):
    _, _, licence = make_org()
    inv = make_invitation(licence, email="right@example.com")
    client.force_login(UserFactory(email="wrong@example.com"))
    url = reverse("courses:invitation_accept", kwargs={"token": inv.token})
    response = client.get(url)
    assert response.status_code == 403 and "right@example.com" in response.content.decode()
    assert client.post(url).status_code == 403
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize(
    ("status", "expired", "http", "text"),
    [
        ("revoked", False, 410, "withdrawn"),
        ("accepted", False, 410, "already been used"),
        ("pending", True, 410, "expired"),
        (None, False, 404, "not valid"),
    ],
)
def test_invitation_page_clear_refusals(client, status, expired, http, text):
    _, _, licence = make_org()
    token = "unknown-token"
    if status:
        extra = {"expires_at": timezone.now() - timedelta(days=1)} if expired else {}
        token = make_invitation(licence, status=status, **extra).token
    response = client.get(reverse("courses:invitation_accept", kwargs={"token": token}))
    assert response.status_code == http and text in response.content.decode()


def test_invitation_accept_without_seats_shows_clear_page(client):
    _, _, licence = make_org(seats=1)
    user = UserFactory()
    licence.seats_used = 1
    licence.save()
    inv = make_invitation(licence, email=user.email)
    client.force_login(user)
    response = client.post(reverse("courses:invitation_accept", kwargs={"token": inv.token}))
    assert response.status_code == 409 and "No seats left" in response.content.decode()


# ---------------------------------------------------------------- dashboard and export


def _populate(org, licence, n: int, *, lessons):
    """n members enrolled in the licensed course, built fast with bulk_create."""
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"m{i}-{org.slug}@example.com", full_name=f"=Member {i:04d}") for i in range(n)]
    )
    Membership.objects.bulk_create([Membership(user=u, organization=org) for u in users])
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                user=u,
                course=licence.course,
                source="organization",
                last_activity_at=now - timedelta(days=i % 30),
                status="completed" if i % 5 == 0 else "active",
                completed_at=now if i % 5 == 0 else None,
            )
            for i, u in enumerate(users)
        ]
    )
    LessonProgress.objects.bulk_create(
        [LessonProgress(user=u, lesson=lessons[0], course=licence.course) for i, u in enumerate(users) if i % 3 == 0]
    )
    return users


@pytest.mark.parametrize("n", [10, 1000])
def test_org_dashboard_query_count_is_flat(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # same count with or without Redis
    org, admin, licence = make_org(lessons=2)
    _populate(org, licence, n, lessons=list(licence.course.lessons.all()))
    client.force_login(admin)
    url = reverse("courses:org_dashboard", kwargs={"org_slug": org.slug}) + "?sort=-progress"
    # 1 session, 2 user, 3 organization with the admin's membership role, 4 the courses counted
    # (licensed and their other versions), 5 their required items, 6 every row, lean (id, course,
    # status, inactive, items done): summary, filter, order and page are worked out from it, 7 the
    # page's rows with user, course, progress, certificate and attendance. (Issue 18: was 9, with two
    # attendance_counts queries after the rows; then a COUNT, the rows and the summary, each
    # compiling the course-family subquery again.)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(n, 50)


@pytest.mark.parametrize("n", [10, 1000])
def test_org_export_query_count_is_flat_and_streams(client, django_assert_num_queries, settings, n):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # same count with or without Redis
    org, admin, licence = make_org(lessons=2)
    _populate(org, licence, n, lessons=list(licence.course.lessons.all()))
    client.force_login(admin)
    url = reverse("courses:org_export", kwargs={"org_slug": org.slug})
    # 1 session, 2 user, 3 organization with the membership role, 4 the courses counted, 5 their
    # required items (issue 18: read once instead of as two subqueries on every row), 6 the rows,
    # read through one cursor in chunks.
    with django_assert_num_queries(6):
        response = client.get(url)
        assert isinstance(response, StreamingHttpResponse)
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == n + 1
    assert rows[0][:4] == ["Name", "Email", "Course", "Progress %"]
    # Formula-injection cells are neutralised.
    assert all(r[0].startswith("'=Member") for r in rows[1:])


def test_org_export_neutralises_every_formula_prefix():
    for bad in ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(bad) == "'" + bad
    assert csv_safe("Ann") == "Ann" and csv_safe(None) == ""


def test_org_dashboard_rows_progress_filters_and_sorting(client):
    org, admin, licence = make_org(lessons=2)
    lessons = list(licence.course.lessons.order_by("pk"))
    ExerciseFactory(module=lessons[0].module)
    now = timezone.now()

    def member(name, done, days_idle=0, completed=False):
        user = UserFactory(full_name=name)
        MembershipFactory(user=user, organization=org)
        e = EnrollmentFactory(user=user, course=licence.course, last_activity_at=now - timedelta(days=days_idle))
        for lesson in lessons[:done]:
            LessonProgress.objects.create(user=user, lesson=lesson, course=licence.course)
        if completed:
            Enrollment.objects.filter(pk=e.pk).update(status="completed", completed_at=now)
        return e

    member("Ann Start", 0)
    member("Bob Half", 1)
    member("Cat Idle", 1, days_idle=20)
    member("Dan Done", 2, completed=True)
    outsider = EnrollmentFactory(course=licence.course)  # enrolled but not a member: not shown
    client.force_login(admin)
    url = reverse("courses:org_dashboard", kwargs={"org_slug": org.slug})

    def names(query):
        return [e.user.full_name for e in client.get(url + query).context["rows"]]

    assert names("?sort=name") == ["Ann Start", "Bob Half", "Cat Idle", "Dan Done"]
    assert names("?sort=-progress")[0] == "Dan Done"
    assert names("?status=not_started") == ["Ann Start"]
    assert names("?status=in_progress&sort=name") == ["Bob Half", "Cat Idle"]
    assert names("?status=completed") == ["Dan Done"]
    assert names("?status=inactive") == ["Cat Idle"]
    assert names("?sort=activity")[0] == "Cat Idle"
    rows = {e.user.full_name: e.percent for e in client.get(url).context["rows"]}
    assert rows == {"Ann Start": 0, "Bob Half": 33, "Cat Idle": 33, "Dan Done": 100}
    content = client.get(url).content.decode()
    assert outsider.user.full_name not in content
    assert "<svg" in content and 'id="course-summary"' in content
    summary = client.get(url).context["summary"][0]
    assert (summary.enrolled, summary.in_progress, summary.completed) == (4, 2, 1)


def test_org_dashboard_progress_matches_progress_for_enrollments(client):
    from courses.learning.selectors import progress_for_enrollments
    from courses.organizations.selectors import enrollment_percent, org_enrollments

    org, admin, licence = make_org(lessons=3)
    lessons = list(licence.course.lessons.all())
    ExerciseFactory(module=lessons[0].module)
    users = _populate(org, licence, 6, lessons=lessons)
    LessonProgress.objects.create(user=users[1], lesson=lessons[1], course=licence.course)
    rows = list(org_enrollments(organization=org))
    expected = progress_for_enrollments(rows)
    for e in rows:
        if e.status != "completed":
            assert enrollment_percent(e) == expected[e.pk].percent


def test_org_pages_never_show_private_work(client):
    """The privacy line: reflection text, assignments and feedback never reach org pages."""
    from courses.models import ExerciseCompletion

    org, admin, licence = make_org()
    user = UserFactory(full_name="Private Person")
    MembershipFactory(user=user, organization=org)
    EnrollmentFactory(user=user, course=licence.course)
    exercise = ExerciseFactory(module=licence.course.lessons.first().module)
    ExerciseCompletion.objects.create(user=user, exercise=exercise, course=licence.course)
    client.force_login(admin)
    for name in ("org_dashboard", "org_overview", "org_export"):
        response = client.get(reverse(f"courses:{name}", kwargs={"org_slug": org.slug}))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert exercise.instructions.encode() not in body


def test_invitation_page_logged_in_with_invited_email_shows_accept_button(client):
    _, _, licence = make_org()
    user = UserFactory(email="me@example.com")
    inv = make_invitation(licence, email="ME@example.com".lower())
    client.force_login(user)
    response = client.get(reverse("courses:invitation_accept", kwargs={"token": inv.token}))
    assert response.status_code == 200
    assert "Accept and start the course" in response.content.decode()
    assert not Enrollment.objects.exists()  # a GET never accepts


def test_invitation_send_batch_task_is_idempotent():
    from courses.organizations.tasks import invitation_send_batch_task

    _, _, licence = make_org()
    invitations = [make_invitation(licence, email=f"p{i}@example.com") for i in range(3)]
    ids = [i.pk for i in invitations]
    assert invitation_send_batch_task(ids) == 3
    assert invitation_send_batch_task(ids) == 0
    assert len(mail.outbox) == 3


def test_org_dashboard_and_export_show_each_members_certificate(client):
    """The team dashboard and its CSV export name the certificate of a completed enrollment
    (linked to the public verification page), mark a revoked one, and show "—" otherwise."""
    from courses.certificates.services import certificate_issue

    org, admin, licence = make_org(lessons=1)
    now = timezone.now()
    done_user, busy_user = UserFactory(full_name="Carla Done"), UserFactory(full_name="Bart Busy")
    for user in (done_user, busy_user):
        MembershipFactory(user=user, organization=org)
    done = EnrollmentFactory(user=done_user, course=licence.course)
    EnrollmentFactory(user=busy_user, course=licence.course)
    Enrollment.objects.filter(pk=done.pk).update(status="completed", completed_at=now)
    done.refresh_from_db()
    certificate, _ = certificate_issue(enrollment=done)
    client.force_login(admin)

    html = client.get(reverse("courses:org_dashboard", kwargs={"org_slug": org.slug})).content.decode()
    verify_url = reverse("courses:certificate_verify", kwargs={"code": certificate.code})
    assert f'href="{verify_url}"' in html

    export = client.get(reverse("courses:org_export", kwargs={"org_slug": org.slug}))
    rows = {r[0]: r for r in csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))}
    assert rows["Carla Done"][6] == certificate.code
    assert rows["Bart Busy"][6] == "—"

    type(certificate).objects.filter(pk=certificate.pk).update(revoked_at=now, revoke_reason="Issued in error")
    export = client.get(reverse("courses:org_export", kwargs={"org_slug": org.slug}))
    rows = {r[0]: r for r in csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))}
    assert rows["Carla Done"][6] == f"{certificate.code} (revoked)"


@pytest.mark.parametrize("query", ["sort=bogus", "status=everyone", "page=abc", "page=99999999999999999999999"])
def test_org_dashboard_and_export_refuse_malformed_query(client, query):
    org, admin, licence = make_org(lessons=1)
    client.force_login(admin)
    for name in ("courses:org_dashboard", "courses:org_export"):
        url = reverse(name, kwargs={"org_slug": org.slug}) + "?" + query
        if name == "courses:org_export" and query.startswith("page"):
            continue  # the export has no pages; a page parameter is ignored there
        assert client.get(url).status_code == 400, (name, query)


def test_org_dashboard_pagination_keeps_filter_and_sort(client):
    org, admin, licence = make_org(lessons=1)
    _populate(org, licence, 60, lessons=list(licence.course.lessons.all()))
    client.force_login(admin)
    html = client.get(reverse("courses:org_dashboard", kwargs={"org_slug": org.slug}) + "?sort=-name").text
    assert 'href="?sort=-name&amp;page=2" rel="next"' in html
