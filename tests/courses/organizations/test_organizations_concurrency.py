"""Seats are never oversold, even under real concurrency (PostgreSQL, real threads).

Each thread uses its own database connection and closes it at the end.
"""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection

from accounts.models import User
from courses.models import Enrollment, Invitation, SeatLicence
from courses.organizations import services as svc
from tests.courses.organizations.conftest import csv_bytes, make_org
from tests.factories import UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _run_concurrently(functions):
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(i, fn):
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", fn())
        except svc.InvitationError as exc:
            results[i] = (exc.code, exc.message)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[i] = ("crash", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, fn)) for i, fn in enumerate(functions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_invitation_accept_40_at_once_with_10_seats_enrolls_exactly_10():
    org, admin, licence = make_org(seats=40)
    users = [UserFactory() for _ in range(40)]
    with mock.patch("courses.organizations.services.invitations.invitation_emails_enqueue"):
        tokens = [
            svc.invitation_create(organization=org, licence_id=licence.pk, email=u.email, invited_by=admin).token
            for u in users
        ]
    # The contract shrank after the invitations went out: staff lowered the licence to 10 seats.
    SeatLicence.objects.filter(pk=licence.pk).update(seats=10)

    results = _run_concurrently(
        [lambda u=u, t=t: svc.invitation_accept(token=t, user=u).pk for u, t in zip(users, tokens, strict=True)]
    )
    codes = [r[0] for r in results]
    assert codes.count("ok") == 10, results
    assert codes.count("no_seats") == 30, results
    assert all("No seats left" in msg for code, msg in results if code == "no_seats")
    licence.refresh_from_db()
    assert licence.seats_used == 10
    assert Enrollment.objects.filter(course=licence.course, source="organization").count() == 10
    assert Invitation.objects.filter(licence=licence, status="accepted").count() == 10


def test_invitation_signup_12_at_once_with_4_seats_enrolls_exactly_4():
    """Signing up accepts in the same call (issue 14), through the same seat locking: never oversold."""
    org, admin, licence = make_org(seats=12)
    with mock.patch("courses.organizations.services.invitations.invitation_emails_enqueue"):
        tokens = [
            svc.invitation_create(
                organization=org, licence_id=licence.pk, email=f"s{i}@example.com", invited_by=admin
            ).token
            for i in range(12)
        ]
    SeatLicence.objects.filter(pk=licence.pk).update(seats=4)

    results = _run_concurrently(
        [
            lambda t=t: svc.invitation_signup(token=t, full_name="Racer", password="a-Long-pass-123").refusal
            for t in tokens
        ]
    )
    outcomes = [r[1].code if r[0] == "ok" and r[1] is not None else r[0] for r in results]
    assert outcomes.count("ok") == 4 and outcomes.count("no_seats") == 8, results
    licence.refresh_from_db()
    assert licence.seats_used == 4
    assert Enrollment.objects.filter(course=licence.course, source="organization").count() == 4
    assert User.objects.filter(email__startswith="s", email__endswith="@example.com").count() == 12


def test_csv_confirm_by_two_admins_at_once_never_oversells():
    org, admin, licence = make_org(seats=10)
    second_admin = UserFactory()
    header = "email,first_name,last_name"
    file_a = csv_bytes([header] + [f"a{i}@example.com,A,{i}" for i in range(7)])
    file_b = csv_bytes([header] + [f"b{i}@example.com,B,{i}" for i in range(7)])
    # Both previews were made while all 10 seats were free.
    rows_a = svc.import_rows_to_session(svc.csv_import_parse(organization=org, licence=licence, data=file_a))
    rows_b = svc.import_rows_to_session(svc.csv_import_parse(organization=org, licence=licence, data=file_b))
    assert sum(r["outcome"] == "new" for r in rows_a + rows_b) == 14

    with mock.patch("courses.organizations.services.csv_import.invitation_emails_enqueue"):
        results = _run_concurrently(
            [
                lambda: len(
                    svc.csv_import_confirm(organization=org, licence_id=licence.pk, rows=rows_a, invited_by=admin)
                ),
                lambda: len(
                    svc.csv_import_confirm(
                        organization=org, licence_id=licence.pk, rows=rows_b, invited_by=second_admin
                    )
                ),
            ]
        )
    codes = sorted(r[0] for r in results)
    assert codes == ["no_seats", "ok"], results
    pending = Invitation.objects.filter(licence=licence, status="pending")
    assert pending.count() == 7
    # All of one file, none of the other.
    prefixes = {e[0] for e in pending.values_list("email", flat=True)}
    assert len(prefixes) == 1
