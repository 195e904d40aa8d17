"""allauth's mails as a newcomer receives them: the site's name and the addresses are filled in
(they used to read "register an account on ." and "account using email address:" with nothing
after it), the same greeting and layout as the site's other mail, plain text without entities.
And the pages around them: reset done links to login; confirming the address logs in."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import confirm_link_from, link_path
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sales-coach-Pw-2026!"


def _signup(client, capture, email, full_name="Nora O'Neill"):
    with capture(execute=True):
        return client.post(
            reverse("account_signup"),
            {"full_name": full_name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        )


def _html(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def _assert_clean_text(message):
    assert "&#" not in message.body and "&amp;" not in message.body, message.body
    assert " on ." not in message.body and ": \n" not in message.body


def test_signup_verification_mail_names_the_site_and_the_address(client, django_capture_on_commit_callbacks, settings):
    _signup(client, django_capture_on_commit_callbacks, "nora@example.com")
    (message,) = mail.outbox
    _assert_clean_text(message)
    assert message.body.startswith("Hi Nora,\n")
    assert settings.SITE_NAME in message.body and "nora@example.com" in message.body
    assert confirm_link_from(message.body) in _html(message)
    assert "Hi Nora," in _html(message) and "nora@example.com" in _html(message)
    assert "Auto-Submitted: auto-generated" in message.message().as_string()


def test_account_already_exists_mail_names_the_site_and_the_address(
    client, django_capture_on_commit_callbacks, settings
):
    UserFactory(email="taken@example.com")
    _signup(client, django_capture_on_commit_callbacks, "taken@example.com")
    (message,) = mail.outbox
    _assert_clean_text(message)
    assert "taken@example.com" in message.body and settings.SITE_NAME in message.body
    assert "already exists" in message.body and "/accounts/password/reset/" in message.body
    assert "taken@example.com" in _html(message)


def test_password_reset_mail_names_the_site_and_the_address(client, django_capture_on_commit_callbacks, settings):
    user = UserFactory(email="reset.me@example.com", full_name="Ré O'Hara")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mail.outbox
    _assert_clean_text(message)
    assert message.body.startswith("Hi Ré,\n")
    assert "reset.me@example.com" in message.body and settings.SITE_NAME in message.body
    assert "/accounts/password/reset/key/" in message.body
    assert message.subject.startswith(f"[{settings.SITE_NAME}]")


def test_password_reset_done_pages_link_to_login(client):
    login = reverse("account_login")
    sent = client.get(reverse("account_reset_password_done"))
    assert f'href="{login}"' in sent.content.decode()
    changed = client.get(reverse("account_reset_password_from_key_done"))
    assert f'href="{login}"' in changed.content.decode()


def test_email_confirmation_in_the_signup_browser_logs_in(client, django_capture_on_commit_callbacks):
    _signup(client, django_capture_on_commit_callbacks, "nora@example.com")
    link = confirm_link_from(mail.outbox[0].body)
    response = client.post(link_path(link))
    assert response.status_code == 302 and response.url == "/"
    user = User.objects.get(email="nora@example.com")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)  # logged in, no second password prompt


def test_email_confirmation_in_another_browser_goes_to_login_with_a_message(client, django_capture_on_commit_callbacks):
    _signup(client, django_capture_on_commit_callbacks, "nora@example.com")
    link = confirm_link_from(mail.outbox[0].body)
    client.logout()
    client.cookies.clear()  # another browser: nothing of the signup in the session
    response = client.post(link_path(link), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert "confirmed" in response.content.decode()
