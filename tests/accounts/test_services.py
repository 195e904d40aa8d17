from __future__ import annotations

import pytest

from accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_user_create_staff_is_not_a_superuser():
    staff = user_create(email="Staff@Example.com", full_name="Sam Staff", is_staff=True)
    assert staff.is_staff and not staff.is_superuser


def test_user_create_superuser_only_when_asked():
    admin = user_create(email="root@example.com", full_name="Root", is_staff=True, is_superuser=True)
    assert admin.is_staff and admin.is_superuser
    assert not user_create(email="p@example.com", full_name="Pat").is_superuser
