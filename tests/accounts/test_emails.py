"""Every email allauth can send has an HTML part on the shared layout, next to its text part."""

from __future__ import annotations

from pathlib import Path

import allauth
import pytest
from django.template.loader import get_template, render_to_string

from tests.factories import UserFactory

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
MESSAGE_TEMPLATES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
    for pattern in ("account/email/*_message.txt", "mfa/email/*_message.txt")
    for path in ALLAUTH_TEMPLATES.glob(pattern)
    if path.name != "base_message.txt"
)


def test_allauth_message_list_is_not_empty():
    assert "account/email/email_confirmation_signup" in MESSAGE_TEMPLATES
    assert len(MESSAGE_TEMPLATES) >= 15


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", MESSAGE_TEMPLATES)
def test_allauth_message_has_html_part_on_site_layout(prefix, settings):
    template = get_template(f"{prefix}_message.html")
    assert "templates/" in template.origin.name and "site-packages" not in template.origin.name
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "user": UserFactory.build(full_name="Ann Example"),
        "email": "ann@example.com",
        "activate_url": "http://testserver/accounts/confirm-email/KEY/",
        "password_reset_url": "http://testserver/accounts/password/reset/key/KEY/",
        "signup_url": "http://testserver/accounts/signup/",
        "code": "",
        "from_email": "old@example.com",
        "to_email": "new@example.com",
        "deleted_email": "gone@example.com",
        "ip": "192.0.2.1",
        "user_agent": "Test browser",
        "timestamp": "2026-01-01 10:00",
    }
    html = render_to_string(f"{prefix}_message.html", context)
    assert settings.SITE_NAME in html
    assert f'href="{settings.SITE_URL}/"' in html  # the link back to the site
    assert "<p" in html


def test_text_part_names_this_site_not_the_request_host(settings):
    text = render_to_string(
        "account/email/password_changed_message.txt",
        {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "ip": "192.0.2.1"},
    )
    assert text.startswith("Hi there,")  # the site's one greeting (no user in this context)
    assert f"account at {settings.SITE_NAME}" in text and settings.SITE_URL in text
