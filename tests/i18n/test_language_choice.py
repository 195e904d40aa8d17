"""How the language is chosen: a visitor gets their browser's (between English and Dutch), a
logged-in user's saved language wins over the browser and the cookie, and the switch in the
footer saves the choice (profile and cookie) and returns to the same page, never to another site."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
SWITCH = "/i18n/setlang/"


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("nl", "nl"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("nl-BE", "nl"),
        ("de-DE,nl;q=0.7,en;q=0.5", "nl"),  # German is not offered; Dutch is preferred over English
        ("en-GB,en;q=0.9,nl;q=0.8", "en"),
        ("fr-FR", "en"),  # nothing offered: the site's default
    ],
)
def test_visitor_gets_the_browsers_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert _lang(response) == expected
    assert response.headers["Content-Language"] == expected
    if expected == "nl":
        assert "Inloggen" in response.content.decode()


def test_visitor_cookie_wins_over_the_browser(client):
    client.cookies[COOKIE] = "nl"
    assert _lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "nl"


@pytest.mark.parametrize("saved, cookie, accept", [("nl", "en", "en"), ("en", "nl", "nl-NL")])
def test_saved_profile_language_wins_over_browser_and_cookie(client, saved, cookie, accept):
    user = UserFactory(language=saved)
    client.force_login(user)
    client.cookies[COOKIE] = cookie
    for path in ("/", reverse("accounts:profile"), reverse("courses:catalog")):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
        assert _lang(response) == saved, path


def test_switch_as_logged_in_user_saves_the_profile_and_returns_to_the_page(client):
    user = UserFactory(language="en")
    client.force_login(user)
    page = reverse("courses:catalog") + "?page=1"
    response = client.post(SWITCH, {"language": "nl", "next": page})
    assert response.status_code == 302 and response.headers["Location"] == page
    assert User.objects.get(pk=user.pk).language == "nl"
    assert response.cookies[COOKIE].value == "nl"
    assert _lang(client.get(page, HTTP_ACCEPT_LANGUAGE="en")) == "nl"
    # and on another device (no cookie), the profile still says Dutch
    other = client.__class__()
    other.force_login(user)
    assert _lang(other.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "nl"


def test_switch_as_visitor_sets_the_cookie(client):
    response = client.post(SWITCH, {"language": "nl", "next": "/"})
    assert response.status_code == 302 and response.cookies[COOKIE].value == "nl"
    assert _lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "nl"


def test_profile_language_field_keeps_working(client):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": user.full_name, "language": "nl"})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).language == "nl"
    assert _lang(client.get(reverse("accounts:profile"))) == "nl"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "///evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "",
        "/\\evil.example",
    ],
)
def test_switch_refuses_an_unsafe_next(client, target):
    response = client.post(SWITCH, {"language": "nl", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("language", ["de", "", "nl\x00", "x" * 3000])
def test_switch_refuses_an_unknown_language_and_changes_nothing(client, language):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(SWITCH, {"language": language, "next": "/"})
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).language == "en"
    assert COOKIE not in response.cookies


def test_switch_takes_post_only(client):
    assert client.get(SWITCH, {"language": "nl", "next": "/"}).status_code == 405


def test_switch_in_the_footer_posts_the_current_page(client):
    page = reverse("courses:catalog") + "?page=1"
    html = client.get(page).content.decode()
    form = re.search(r'<form action="([^"]+)" method="post"[^>]*>(.*?)</form>', html[html.index("site-footer") :], re.S)
    assert form.group(1) == SWITCH
    assert f'name="next" type="hidden" value="{page}"' in form.group(2)
    assert 'value="nl"' in form.group(2)


def test_signup_in_dutch_saves_dutch_and_mails_in_dutch(client, django_capture_on_commit_callbacks):
    """A visitor who signs up while reading Dutch keeps Dutch; allauth's confirmation mail is Dutch."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "full_name": "Noor de Vries",
                "email": "noor@example.com",
                "password1": PASSWORD * 2,
                "password2": PASSWORD * 2,
            },
            HTTP_ACCEPT_LANGUAGE="nl-NL",
        )
    assert User.objects.get(email="noor@example.com").language == "nl"
    (message,) = mail.outbox
    assert "e-mailadres" in message.body.lower() or "bevestig" in message.body.lower(), message.body


def test_password_reset_mail_follows_the_users_language_not_the_page(client, django_capture_on_commit_callbacks):
    UserFactory(email="anna@example.com", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "anna@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    (message,) = mail.outbox
    assert "wachtwoord" in (message.subject + message.body).lower(), message.subject + message.body


def test_javascript_catalog_is_deferred_before_the_scripts_and_cached(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    head = html[: html.index("</head>")]
    scripts = re.findall(r"<script[^>]*>", head)
    assert "/jsi18n/?l=nl" in scripts[0] and all(" defer" in s for s in scripts), scripts
    response = client.get("/jsi18n/?l=nl", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200 and "max-age=86400" in response.headers["Cache-Control"]
    body = response.content.decode()
    assert "Concept opgeslagen." in body, "compile the catalogues first: make messages"
    assert "Gekopieerd" in body
    assert "Concept opgeslagen." not in client.get("/jsi18n/?l=en", HTTP_ACCEPT_LANGUAGE="en").content.decode()
