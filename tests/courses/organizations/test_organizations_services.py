"""Services for seat licences and invitations: seats, CSV parsing, confirm, revoke, resend, accept."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Membership
from courses.models import Enrollment, Invitation, SeatLicence
from courses.organizations import services as svc
from courses.organizations.reminders import invitations_send
from courses.organizations.services import Outcome
from courses.reminders import engine
from courses.reminders.models import Reminder
from tests.courses.organizations.conftest import csv_bytes, make_invitation, make_org
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invitation_rows(invitation: Invitation) -> list[str]:
    """The statuses of the invitation's outbox rows, oldest first."""
    rows = Reminder.objects.filter(kind="invitation", object_key=f"invitation:{invitation.pk}").order_by("id")
    return [row.status for row in rows]


HEADER = "email,first_name,last_name"


def test_seat_licence_check_constraint_refuses_overselling():
    _, _, licence = make_org(seats=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatLicence.objects.filter(pk=licence.pk).update(seats_used=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatLicence.objects.filter(pk=licence.pk).update(seats_used=-1)


def test_invitation_create_reserves_a_seat_and_sends_email(django_capture_on_commit_callbacks):
    org, admin, licence = make_org(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        inv = svc.invitation_create(
            organization=org, licence_id=licence.pk, email="New@Example.com", first_name="Ann", invited_by=admin
        )
    assert inv.email == "new@example.com" and inv.status == Invitation.Status.PENDING
    assert len(inv.token) >= 40
    assert (inv.expires_at - timezone.now()).days in (13, 14)
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["new@example.com"] and f"/invitations/{inv.token}/" in msg.body
    assert msg.alternatives and "text/html" in msg.alternatives[0][1]
    assert _invitation_rows(inv) == [Reminder.Status.SENT]
    # The only seat is reserved by the pending invitation.
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_create(organization=org, licence_id=licence.pk, email="other@example.com", invited_by=admin)
    assert exc.value.code == "no_seats"


def test_invitation_revoke_frees_the_seat():
    org, admin, licence = make_org(seats=1)
    inv = svc.invitation_create(organization=org, licence_id=licence.pk, email="a@example.com", invited_by=admin)
    svc.invitation_revoke(invitation=inv)
    assert Invitation.objects.get(pk=inv.pk).status == Invitation.Status.REVOKED
    svc.invitation_create(organization=org, licence_id=licence.pk, email="b@example.com", invited_by=admin)
    with pytest.raises(svc.InvitationError):
        svc.invitation_revoke(invitation=inv)


def test_invitation_create_refuses_duplicates_and_other_orgs_licence():
    org, admin, licence = make_org(seats=5)
    other_org, _, other_licence = make_org()
    svc.invitation_create(organization=org, licence_id=licence.pk, email="a@example.com", invited_by=admin)
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_create(organization=org, licence_id=licence.pk, email="A@example.com", invited_by=admin)
    assert exc.value.code == "invited"
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_create(organization=org, licence_id=other_licence.pk, email="x@example.com", invited_by=admin)
    assert exc.value.code == "licence"
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_create(organization=org, licence_id=licence.pk, email="not-an-email", invited_by=admin)
    assert exc.value.code == "invalid"


def test_invitation_resend_sets_new_expiry_and_sends_again(django_capture_on_commit_callbacks):
    org, admin, licence = make_org()
    inv = make_invitation(licence, expires_at=timezone.now() - timedelta(days=1))
    invitations_send(invitation_ids=[inv.pk])  # the first invitation went out
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.invitation_resend(invitation=inv)
    inv.refresh_from_db()
    assert inv.expires_at > timezone.now() + timedelta(days=13)
    assert _invitation_rows(inv) == [Reminder.Status.SENT, Reminder.Status.SENT] and len(mail.outbox) == 1


def test_invitation_accept_creates_membership_enrollment_and_takes_a_seat():
    org, _, licence = make_org(seats=3)
    user = UserFactory(email="invitee@example.com")
    inv = make_invitation(licence, email="invitee@example.com")
    enrollment = svc.invitation_accept(token=inv.token, user=user)
    assert enrollment.source == Enrollment.Source.ORGANIZATION and enrollment.course_id == licence.course_id
    assert Membership.objects.get(user=user, organization=org).role == Membership.Role.MEMBER
    licence.refresh_from_db()
    assert licence.seats_used == 1
    inv.refresh_from_db()
    assert inv.status == Invitation.Status.ACCEPTED and inv.accepted_by == user
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_accept(token=inv.token, user=user)
    assert exc.value.code == "used"


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ({"status": Invitation.Status.REVOKED}, "revoked"),
        ({"status": Invitation.Status.EXPIRED}, "expired"),
        ({"expires_at": "past"}, "expired"),
        ({"email": "someone-else@example.com"}, "wrong_email"),
    ],
)
def test_invitation_accept_refusals_change_nothing(setup, code):
    _, _, licence = make_org()
    user = UserFactory(email="me@example.com")
    kwargs = {"email": "me@example.com", **setup}
    if kwargs.get("expires_at") == "past":
        kwargs["expires_at"] = timezone.now() - timedelta(minutes=1)
    inv = make_invitation(licence, **kwargs)
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_accept(token=inv.token, user=user)
    assert exc.value.code == code
    assert not Enrollment.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    licence.refresh_from_db()
    assert licence.seats_used == 0


def test_invitation_accept_unknown_token_and_no_seats():
    _, _, licence = make_org(seats=1)
    user = UserFactory()
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_accept(token="nope", user=user)
    assert exc.value.code == "unknown"
    SeatLicence.objects.filter(pk=licence.pk).update(seats_used=1)
    inv = make_invitation(licence, email=user.email)
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_accept(token=inv.token, user=user)
    assert exc.value.code == "no_seats" and "No seats left" in exc.value.message
    assert not Enrollment.objects.filter(user=user).exists()
    assert Invitation.objects.get(pk=inv.pk).status == Invitation.Status.PENDING


def test_invitation_signup_creates_verified_account_for_the_invited_address():
    _, _, licence = make_org()
    inv = make_invitation(licence, email="fresh@example.com")
    user = svc.invitation_signup(token=inv.token, full_name="Fresh Person", password="a-Long-pass-123").user
    assert user.email == "fresh@example.com" and user.check_password("a-Long-pass-123")
    assert EmailAddress.objects.get(user=user, email="fresh@example.com").verified
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_signup(token=inv.token, full_name="Again", password="a-Long-pass-123")
    assert exc.value.code == "used"  # signing up accepted it
    # A second invitation (another course) for an address that has an account: log in instead.
    _, _, other_licence = make_org()
    other = make_invitation(other_licence, email="fresh@example.com")
    with pytest.raises(svc.InvitationError) as exc:
        svc.invitation_signup(token=other.token, full_name="Again", password="a-Long-pass-123")
    assert exc.value.code == "exists"


def test_invitation_signup_accepts_in_the_same_call_taking_the_seat():
    """Signing up through an invitation takes the seat and enrolls: no second "Accept" step (issue 14)."""
    org, _, licence = make_org(seats=2)
    inv = make_invitation(licence, email="fresh@example.com")
    signup = svc.invitation_signup(token=inv.token, full_name="Fresh Person", password="a-Long-pass-123")
    assert signup.refusal is None
    assert signup.enrollment.user == signup.user and signup.enrollment.source == Enrollment.Source.ORGANIZATION
    assert Membership.objects.filter(user=signup.user, organization=org).exists()
    licence.refresh_from_db()
    assert licence.seats_used == 1
    inv.refresh_from_db()
    assert inv.status == Invitation.Status.ACCEPTED and inv.accepted_by == signup.user


def test_invitation_signup_without_seats_keeps_the_account_and_says_why():
    """When the seat is gone by signup time the account still exists (verified), but nothing else changes."""
    _, _, licence = make_org(seats=1)
    SeatLicence.objects.filter(pk=licence.pk).update(seats_used=1)
    inv = make_invitation(licence, email="late@example.com")
    signup = svc.invitation_signup(token=inv.token, full_name="Late Person", password="a-Long-pass-123")
    assert signup.user.email == "late@example.com" and signup.enrollment is None
    assert signup.refusal.code == "no_seats"
    assert not Enrollment.objects.filter(user=signup.user).exists()
    assert not Membership.objects.filter(user=signup.user).exists()
    assert Invitation.objects.get(pk=inv.pk).status == Invitation.Status.PENDING


# ---------------------------------------------------------------- CSV


def _parse(org, licence, data):
    return svc.csv_import_parse(organization=org, licence=licence, data=data)


def test_csv_parse_outcomes_with_line_numbers():
    org, _, licence = make_org(seats=3)
    member = UserFactory(email="member@example.com")
    MembershipFactory(user=member, organization=org)
    EnrollmentFactory(user=member, course=licence.course)
    make_invitation(licence, email="invited@example.com")  # takes 1 of 3 seats
    data = csv_bytes(
        [
            "Last_Name,EMAIL,First Name",
            "Ng,new1@example.com,Al",
            "Ng,member@example.com,Me",
            "Ng,NEW1@example.com,Dup",
            "Ng,broken-address,Bad",
            "Ng,invited@example.com,Inv",
            "Ng,new2@example.com,Bo",
            "Ng,new3@example.com,Cy",
            ",,",
        ],
        bom=True,
        sep=";",
    )
    rows = _parse(org, licence, data)
    outcomes = [(r.line, r.email, r.outcome) for r in rows]
    assert outcomes == [
        (2, "new1@example.com", Outcome.NEW),
        (3, "member@example.com", Outcome.MEMBER),
        (4, "new1@example.com", Outcome.DUPLICATE),
        (5, "broken-address", Outcome.INVALID),
        (6, "invited@example.com", Outcome.INVITED),
        (7, "new2@example.com", Outcome.NEW),
        (8, "new3@example.com", Outcome.OVER_LIMIT),
    ]
    assert rows[0].first_name == "Al" and rows[0].last_name == "Ng"
    assert "line 2" in rows[2].message
    assert Invitation.objects.count() == 1  # parsing writes nothing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("email,first_name,last_name\nzoë@example.com,Zoë,Ä\n".encode("latin-1"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"mail,first_name,last_name\na@example.com,A,B\n", "Missing column"),
        (b"email,first_name,last_name\n", "no rows"),
        (("email,first_name,last_name\n" + "a{}@example.com,A,B\n" * 1).encode() * 1, None),
    ],
)
def test_csv_parse_bad_input_gives_clear_message(data, message):
    org, _, licence = make_org()
    if message is None:
        data = ("email,first_name,last_name\n" + "".join(f"p{i}@example.com,A,B\n" for i in range(5001))).encode()
        message = "more than 5000 rows"
    with pytest.raises(svc.CsvImportError) as exc:
        _parse(org, licence, data)
    assert message in str(exc.value)
    assert Invitation.objects.count() == 0


def test_csv_parse_accepts_exactly_5000_rows():
    org, _, licence = make_org(seats=10)
    data = ("email,first_name,last_name\n" + "".join(f"p{i}@example.com,A,B\n" for i in range(5000))).encode()
    rows = _parse(org, licence, data)
    assert len(rows) == 5000
    assert sum(r.outcome == Outcome.NEW for r in rows) == 10


def test_csv_confirm_invites_all_in_batches_of_100(django_capture_on_commit_callbacks):
    org, admin, licence = make_org(seats=250)
    data = csv_bytes([HEADER] + [f"p{i}@example.com,P,{i}" for i in range(230)])
    rows = svc.import_rows_to_session(_parse(org, licence, data))
    from courses.organizations import tasks as tasks_organizations

    with (
        mock.patch.object(
            tasks_organizations.invitation_send_batch_task,
            "delay_on_commit",
            wraps=tasks_organizations.invitation_send_batch_task.delay_on_commit,
        ) as enqueue,
        mock.patch.object(engine, "_deliver", wraps=engine._deliver) as conn,
        django_capture_on_commit_callbacks(execute=True),
    ):
        created = svc.csv_import_confirm(organization=org, licence_id=licence.pk, rows=rows, invited_by=admin)
    assert len(created) == 230
    assert Invitation.objects.filter(licence=licence, status="pending").count() == 230
    assert [len(call.args[0]) for call in enqueue.call_args_list] == [100, 100, 30]
    assert conn.call_count == 3  # one SMTP connection per batch
    assert len(mail.outbox) == 230
    assert Reminder.objects.filter(kind="invitation", status=Reminder.Status.SENT).count() == 230


def test_csv_confirm_writes_nothing_when_seats_ran_out_meanwhile():
    org, admin, licence = make_org(seats=3)
    rows = svc.import_rows_to_session(
        _parse(org, licence, csv_bytes([HEADER, "a@example.com,A,A", "b@example.com,B,B"]))
    )
    # Meanwhile another admin invites two people: one seat left for a file that needs two.
    svc.invitation_create(organization=org, licence_id=licence.pk, email="x@example.com", invited_by=admin)
    svc.invitation_create(organization=org, licence_id=licence.pk, email="y@example.com", invited_by=admin)
    with pytest.raises(svc.InvitationError) as exc:
        svc.csv_import_confirm(organization=org, licence_id=licence.pk, rows=rows, invited_by=admin)
    assert exc.value.code == "no_seats" and "Nobody was invited" in exc.value.message
    assert set(Invitation.objects.values_list("email", flat=True)) == {"x@example.com", "y@example.com"}


def test_csv_confirm_refuses_rows_for_another_organizations_licence():
    org, admin, licence = make_org()
    _, _, other_licence = make_org()
    with pytest.raises(svc.InvitationError):
        svc.csv_import_confirm(
            organization=org,
            licence_id=other_licence.pk,
            rows=[{"email": "a@example.com", "first_name": "", "last_name": "", "outcome": "new", "line": 2}],
            invited_by=admin,
        )
    assert Invitation.objects.count() == 0
