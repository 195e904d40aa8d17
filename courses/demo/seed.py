"""Demo data for `manage.py seed_demo`. Every step is idempotent: it finds before it creates."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import user_create

DEMO_PASSWORD = "coach-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    full_name: str
    is_trainer: bool = False
    is_staff: bool = False


DEMO_USERS = [
    DemoUser("participant", "participant@example.com", "Pat Participant"),
    DemoUser("trainer", "trainer@example.com", "Tessa Trainer", is_trainer=True),
    DemoUser("staff", "staff@example.com", "Sam Staff", is_staff=True),
]


def seed_users() -> dict[str, User]:
    users: dict[str, User] = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = user_create(
                email=demo.email,
                full_name=demo.full_name,
                password=DEMO_PASSWORD,
                is_trainer=demo.is_trainer,
                is_staff=demo.is_staff,
            )
        else:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        users[demo.key] = user
    return users
