"""The development outbox /dev/mail/: routed only with DEBUG, lists what the file mailer wrote
(several messages per file, newest first, paginated), shows a mail with its HTML part in a
sandboxed frame and its text part decoded with clickable links, and refuses hostile ids with 404.

It is open without login on purpose: a newcomer needs it to click the verification link before
they can log in, and it does not exist unless DEBUG is on.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, mailers
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from tests.accounts.helpers import CONFIRM_LINK

pytestmark = pytest.mark.django_db

URLS_PY = Path(__file__).resolve().parents[2] / "lms" / "urls.py"
PASSWORD = "Sales-coach-Pw-2026!"


def _load_urls(settings, *, debug: bool) -> None:
    """lms/urls.py loaded afresh with DEBUG as given, as the site's URLconf (whatever DEBUG was when
    the test run first imported lms.urls)."""
    settings.DEBUG = debug
    spec = importlib.util.spec_from_file_location("lms_urls_fresh", URLS_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["lms_urls_fresh"] = module
    settings.ROOT_URLCONF = "lms_urls_fresh"
    clear_url_caches()


@pytest.fixture
def fresh_urls():
    yield
    sys.modules.pop("lms_urls_fresh", None)
    clear_url_caches()


@pytest.fixture
def outbox(settings, tmp_path, fresh_urls):
    """DEBUG on, lms/urls.py loaded afresh under it, the file mailer writing to a temporary folder."""
    folder = tmp_path / "mail"
    settings.EMAIL_FILE_DIR = folder
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(folder)},
        }
    }
    _load_urls(settings, debug=True)
    return folder


def _send(count: int, *, subject="Note {i}", body="Body {i}") -> None:
    """`count` messages over ONE connection: the file mailer puts them in one file."""
    messages = [
        EmailMultiAlternatives(subject.format(i=i), body.format(i=i), "site@example.com", [f"p{i}@example.com"])
        for i in range(count)
    ]
    mailers.default.send_messages(messages)


def test_devmail_is_not_routed_without_debug(client, settings, fresh_urls):
    """DEBUG off, as in production: the URL does not exist."""
    _load_urls(settings, debug=False)
    with pytest.raises(Resolver404):
        resolve("/dev/mail/")
    assert client.get("/dev/mail/").status_code == 404


def test_devmail_lists_every_message_of_a_file_newest_first(client, outbox):
    _send(3)
    assert len(list(outbox.glob("*.log"))) == 1  # three messages in one file
    page = client.get("/dev/mail/").content.decode()
    assert page.index("Note 2") < page.index("Note 1") < page.index("Note 0")
    assert "p0@example.com" in page


def test_devmail_paginates(client, outbox):
    _send(30)
    first = client.get("/dev/mail/").content.decode()
    second = client.get("/dev/mail/?page=2").content.decode()
    assert "Note 29" in first and "Note 0" not in first
    assert "Note 0" in second and "Note 29" not in second
    assert client.get("/dev/mail/?page=abc").status_code == 400


def test_devmail_empty_outbox_says_so(client, outbox):
    response = client.get("/dev/mail/")
    assert response.status_code == 200 and "No mail yet" in response.content.decode()


def test_devmail_shows_the_verification_link_whole_and_clickable(client, outbox, django_capture_on_commit_callbacks):
    """The raw file splits the long link with quoted-printable soft breaks; the page shows it whole."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"full_name": "Nora Newcomer", "email": "nora@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
    client.logout()
    (file,) = outbox.glob("*.log")
    raw = file.read_text()
    listing = client.get("/dev/mail/").content.decode()
    (detail_url,) = set(re.findall(r'href="(/dev/mail/[^"/]+/)"', listing))
    detail = client.get(detail_url)
    assert detail.status_code == 200
    page = detail.content.decode()
    link = CONFIRM_LINK.search(page).group(0)
    assert link not in raw  # in the file the link is broken up (quoted-printable)
    assert f'<a href="{link}"' in page  # on the page it is one clickable link
    assert f'src="{detail_url}html/"' in page and "sandbox=" in page
    assert "frame-src 'self'" in detail["Content-Security-Policy"]


def test_devmail_html_part_is_served_sandboxed(client, outbox):
    message = EmailMultiAlternatives("Hi", "text", "site@example.com", ["a@example.com"])
    message.attach_alternative(
        '<p>Hello <a href="https://example.com/x">x</a></p><script>alert(1)</script>', "text/html"
    )
    message.send()
    (file,) = outbox.glob("*.log")
    response = client.get(f"/dev/mail/{file.stem}-0/html/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert 'href="https://example.com/x"' in response.content.decode()


@pytest.mark.parametrize(
    "mail_id",
    ["nope", "x-99999", "0", "-0", "a" * 300 + "-0", "outside-0", "plain-0", "%2e%2e-0", "..%2fsecret-0", "%00-0"],
)
def test_devmail_hostile_ids_are_404_never_500(client, outbox, mail_id):
    _send(1)
    (outbox.parent / "outside.log").write_bytes(b"Subject: x\n\nTOP-SECRET-BODY\n")  # next to the folder, not in it
    (outbox / "plain.txt").write_bytes(b"Subject: not a log\n\n")
    for url in (f"/dev/mail/{mail_id}/", f"/dev/mail/{mail_id}/html/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"TOP-SECRET-BODY" not in response.content


def test_devmail_survives_garbage_in_the_folder(client, outbox):
    outbox.mkdir(parents=True, exist_ok=True)
    (outbox / "20260101-000000-1.log").write_bytes(b"\x00\xff not an email at all\n" + b"-" * 79 + b"\n")
    assert client.get("/dev/mail/").status_code == 200
    assert client.get("/dev/mail/20260101-000000-1-0/").status_code == 200
    assert client.get("/dev/mail/20260101-000000-1-0/html/").status_code == 404  # no HTML part


def test_devmail_list_of_a_locmem_outbox_is_unaffected(client, outbox):
    """Sending in tests normally goes to mail.outbox; the file mailer is used only by this fixture."""
    assert mail.outbox == []
