"""A real Celery worker over Redis delivers allauth's verification email to a real SMTP server."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import confirm_link_from, link_path

PASSWORD = "Sales-coach-Pw-2026!"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _signup(client, email: str):
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Sam Services", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",))
    return text, html.get_content() if html is not None else None


def test_worker_delivers_verification_email_over_smtp(client, smtp_server, celery_worker_process):
    celery_worker_process(env={"EMAIL_URL": smtp_server.url})
    _signup(client, "sam.services@example.com")

    message = smtp_server.wait_for(lambda m: "sam.services@example.com" in m.envelope_to, timeout=30)
    assert message["To"] == "sam.services@example.com"
    text, html = _parts(message)
    assert html is not None, "the verification email must have an HTML part"
    link = confirm_link_from(text)
    assert link in html

    assert not EmailAddress.objects.get(email="sam.services@example.com").verified
    assert client.post(link_path(link)).status_code == 302
    assert EmailAddress.objects.get(email="sam.services@example.com").verified
    login = client.post(reverse("account_login"), {"login": "sam.services@example.com", "password": PASSWORD})
    assert login.status_code == 302 and login.url == "/"


def test_worker_retries_when_smtp_server_refuses_for_a_while(client, smtp_server, celery_worker_process):
    smtp_server.refuse(1, "451 4.3.0 Try again later")
    celery_worker_process(env={"EMAIL_URL": smtp_server.url})
    _signup(client, "retry.me@example.com")

    message = smtp_server.wait_for(lambda m: "retry.me@example.com" in m.envelope_to, timeout=45)
    assert smtp_server.attempts >= 2  # the first delivery was refused, a retry delivered it
    assert confirm_link_from(_parts(message)[0])
