from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_changes_name_and_language(client):
    user = UserFactory(full_name="Old Name", language="en")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "New Name", "language": "nl"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("New Name", "nl")


def test_profile_rejects_bad_input_and_changes_nothing(client):
    user = UserFactory(full_name="Old Name", language="en")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "", "language": "xx"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "language"}
    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Old Name", "en")


def test_profile_links_to_emails_password_and_mfa_inside_site_layout(client):
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:profile")).content.decode()
    for name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(name)}"' in html
    assert 'class="skip-link"' in html  # rendered inside base.html


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_allauth_pages_use_the_site_layout(client, name):
    html = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in html
    assert 'id="main"' in html


@pytest.mark.parametrize("name", ["account_email", "account_change_password", "mfa_index"])
def test_allauth_manage_pages_show_the_account_sidebar(client, name):
    client.force_login(UserFactory())
    html = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in html
    assert 'class="sidebar"' in html
    assert f'href="{reverse("accounts:profile")}"' in html
    assert f'href="{reverse(name)}" aria-current="page"' in html
