"""`make run`: the banner lists every demo login and the development outbox, `make run PORT=8001`
reaches devstack, and SITE_URL (the links in mail) follows the port unless it is set itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from courses.demo.exercises import EXTRA_PARTICIPANTS
from courses.demo.organizations import ADMIN_EMAIL
from courses.demo.seed import DEMO_PASSWORD, DEMO_USERS
from lms.management.commands.devstack import Command, banner

ROOT = Path(__file__).resolve().parents[2]


def test_banner_lists_every_demo_login_and_the_outbox(settings):
    settings.EMAIL_URL = ""
    text = banner("127.0.0.1:8001")
    emails = [d.email for d in DEMO_USERS] + [ADMIN_EMAIL] + [e for e, _name in EXTRA_PARTICIPANTS]
    assert {"participant@example.com", "trainer@example.com", "staff@example.com", "orgadmin@example.com"} <= set(
        emails
    )
    assert {"alex@example.com", "maria@example.com", "jordan@example.com"} <= set(emails)
    for email in emails:
        assert email in text, email
    assert DEMO_PASSWORD in text
    assert "TOTP" in text.split("staff@example.com", 1)[1].splitlines()[0]  # the staff note
    assert "http://127.0.0.1:8001/dev/mail/" in text


def test_devstack_default_port_comes_from_settings(settings):
    settings.PORT = 8001
    parser = Command().create_parser("manage.py", "devstack")
    assert parser.parse_args([]).addrport == "127.0.0.1:8001"


def _site_url(env_extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "DJANGO_ENV"}}
    env.update(env_extra)
    code = "from django.conf import settings; print(settings.SITE_URL, settings.CSRF_TRUSTED_ORIGINS)"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after "N objects imported automatically"


def test_site_url_follows_port_unless_set():
    assert _site_url({"PORT": "8001"}) == "http://127.0.0.1:8001 ['http://127.0.0.1:8001']"
    assert _site_url({}).startswith("http://127.0.0.1:8000 ")
    assert _site_url({"PORT": "8001", "SITE_URL": "https://coach.example.com"}).startswith("https://coach.example.com ")


def test_make_run_passes_port_to_devstack():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8001"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert "PORT=8001" in result.stdout and "devstack --addrport 127.0.0.1:8001" in result.stdout, result.stdout
