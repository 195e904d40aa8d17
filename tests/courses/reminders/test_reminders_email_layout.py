"""Every reminder kind's email: one layout, one greeting, clean text parts, and list headers that
mail clients can use (checked on the raw bytes each mailer writes, not on Django's header dict)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import User
from courses.reminders.base import all_kinds
from courses.reminders.engine import _message_for
from courses.reminders.models import Reminder
from courses.reminders.tasks import reminders_send_batch_task
from tests.factories import EnrollmentFactory, UserFactory

NAME = "Siobhán O'Brien"
TO_ADDRESS_WITHOUT_NAME = {"observer_invite", "observer_nudge", "pulse_invite", "pulse_nudge"}
BY_EMAIL = {"invitation", "buddy_invite", "buddy_summary", "org_request", *TO_ADDRESS_WITHOUT_NAME}
NO_NAME = {"org_request", *TO_ADDRESS_WITHOUT_NAME}  # addressed to a role or an address: no name known
NON_ESSENTIAL = sorted(key for key, kind in all_kinds().items() if not kind.essential)
UNSUBSCRIBE_LINE = re.compile(rb"^List-Unsubscribe: <(https?://[^>\s]+/email/unsubscribe/[^>\s]+/)>\r?$", re.M)


def _message(key: str, samples):
    user = User(id=7, email="siobhan@example.com", full_name=NAME, language="en")
    recipient = None if key in BY_EMAIL else user
    row = Reminder(id=99, user=recipient, email="siobhan@example.com", kind=key, object_key="x", period="p")
    return _message_for(row, all_kinds()[key], samples(NAME)[key])


def test_every_registered_kind_has_a_sample(email_samples):
    """A new kind must be added to the samples, or the checks below would silently skip it."""
    assert set(all_kinds()) == set(email_samples(NAME))
    assert NON_ESSENTIAL  # the header checks below have something to check


@pytest.mark.parametrize("key", sorted(all_kinds()))
def test_text_part_and_subject_have_no_html_entities(key, email_samples):
    """Text parts used to be rendered with autoescaping: "O'Brien" arrived as "O&#x27;Brien"."""
    message = _message(key, email_samples)
    for part in (message.subject, message.body):
        assert "&#" not in part and "&amp;" not in part and "&lt;" not in part, part
    assert "O'Brien" in message.subject + message.body


@pytest.mark.parametrize("key", sorted(all_kinds()))
def test_every_kind_uses_the_layout_and_the_same_greeting(key, email_samples):
    """The shared layout: site mark and name, "Hi <first name>,", a button, and a footer saying why."""
    message = _message(key, email_samples)
    html = message.alternatives[0].content
    greeting = "Hi there," if key in NO_NAME else "Hi Siobhán,"
    assert message.body.startswith(f"{greeting}\n"), message.body[:80]
    assert greeting in html and "Hello" not in html
    assert ">MC</td>" in html and settings.SITE_NAME in html  # the mark and the site name
    assert "You are receiving this email because" in html and "You are receiving this email because" in message.body
    if key != "buddy_summary":  # the only email with nothing to click
        assert 'class="email-button"' in html
    if key not in BY_EMAIL:
        assert "/my/email-preferences/" in html and "/my/email-preferences/" in message.body


@pytest.mark.parametrize("key", sorted(all_kinds()))
def test_greeting_falls_back_when_there_is_no_name(key, email_samples):
    user = User(id=7, email="x@example.com", full_name="", language="en")
    samples = email_samples("")
    recipient = None if key in BY_EMAIL else user
    row = Reminder(id=99, user=recipient, email="x@example.com", kind=key, object_key="x", period="p")
    message = _message_for(row, all_kinds()[key], samples[key])
    assert message.body.startswith("Hi there,\n")


@pytest.mark.parametrize("policy", [email.policy.SMTP, email.policy.default], ids=["smtp", "file"])
@pytest.mark.parametrize("key", NON_ESSENTIAL)
def test_non_essential_kind_raw_bytes_carry_plain_list_unsubscribe(key, policy, email_samples):
    """The raw message (what the SMTP and file mailers write) has `List-Unsubscribe: <URL>` on one
    line, not RFC 2047 `=?utf-8?q?=3Chttp…`, plus one-click, List-Id and Auto-Submitted."""
    message = _message(key, email_samples)
    raw = message.message(policy=policy).as_bytes()
    assert b"=?utf-8?q?=3C" not in raw
    match = UNSUBSCRIBE_LINE.search(raw)
    assert match, raw.split(b"\n\n")[0].decode()
    assert match.group(1).decode() in message.body  # the same link as in the footer
    assert re.search(rb"^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$", raw, re.M)
    hyphenated = key.replace("_", "-").encode()
    assert re.search(rb"^List-Id: .+ <" + hyphenated + rb"\.reminders\.[^>]+>\r?$", raw, re.M)
    assert re.search(rb"^Auto-Submitted: auto-generated\r?$", raw, re.M)


@pytest.mark.parametrize("key", sorted(k for k, kind in all_kinds().items() if kind.essential))
def test_essential_kind_has_list_id_but_no_unsubscribe(key, email_samples):
    raw = _message(key, email_samples).message().as_bytes()
    assert b"List-Unsubscribe" not in raw
    assert re.search(rb"^List-Id: .+\.reminders\.", raw, re.M) and b"Auto-Submitted: auto-generated" in raw


@pytest.mark.django_db
def test_sent_through_the_file_mailer_the_stored_bytes_have_plain_list_unsubscribe(settings, tmp_path):
    """The real send path (engine -> mailer) with the file mailer `make run` uses."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    user = UserFactory(full_name="Siobhán O'Brien")
    enrollment = EnrollmentFactory(user=user)
    row = Reminder.objects.create(user=user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once")
    reminders_send_batch_task([row.id])
    (stored,) = list(tmp_path.glob("*.log"))
    raw = stored.read_bytes()
    assert UNSUBSCRIBE_LINE.search(raw)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    assert text.startswith("Hi Siobhán,") and "&#" not in text


@pytest.mark.django_db
def test_locmem_outbox_message_is_a_site_email_with_headers():
    """Tests and the admin see the same headers on mail.outbox messages."""
    user = UserFactory()
    enrollment = EnrollmentFactory(user=user)
    row = Reminder.objects.create(user=user, kind="welcome", object_key=f"enrollment:{enrollment.pk}", period="once")
    reminders_send_batch_task([row.id])
    (message,) = mail.outbox
    assert UNSUBSCRIBE_LINE.search(message.message().as_bytes())


def test_every_email_template_extends_the_layout():
    """No email keeps its own page: every templates/email/<name>.html and .txt extends the base
    (the old ones each had their own <html> and sign-off, or none)."""
    folder = Path(settings.BASE_DIR) / "templates" / "email"
    names = [p for p in folder.glob("*.*") if p.stem != "base" and not p.stem.endswith("_subject")]
    assert len(names) >= 30
    for path in names:
        assert path.read_text().startswith(f'{{% extends "email/base.{path.suffix[1:]}" %}}'), path.name
