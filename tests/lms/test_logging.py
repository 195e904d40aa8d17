"""Logs: one line per refused request, each record written once."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
def test_permission_denied_logs_one_line_without_a_traceback(client, caplog):
    """Django logs a 403 with the PermissionDenied attached, which printed a full traceback."""
    client.force_login(UserFactory())  # a participant: the studio refuses them with PermissionDenied
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("courses:studio_home"))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name.startswith("django")]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].getMessage() == "Forbidden (Permission denied): /studio/"
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


def _handlers_that_write(record: logging.LogRecord) -> list[logging.Handler]:
    """The handlers a record passes through on its way up the logger tree, as logging does it
    (leaving out the capture handlers pytest adds to the root logger)."""
    found, logger = [], logging.getLogger(record.name)
    while logger:
        mine = [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
        found += [h for h in mine if record.levelno >= h.level and h.filter(record)]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize("name", ["django.request", "django.security.csrf", "courses.reminders"])
def test_each_record_is_written_by_one_handler(settings, name):
    """Django's default "django" console handler (DEBUG only) plus the root handler printed
    "Not Found: /favicon.ico" twice in development."""
    settings.DEBUG = True
    record = logging.getLogger(name).makeRecord(name, logging.WARNING, __file__, 1, "Not Found: /x", (), None)
    assert len(_handlers_that_write(record)) == 1


def test_runserver_request_line_is_written_once(settings):
    """Configuring "django" resets its child loggers: runserver's request line must keep exactly
    its own timestamped handler (and not also reach root)."""
    settings.DEBUG = True
    record = logging.getLogger("django.server").makeRecord(
        "django.server", logging.INFO, __file__, 1, '"GET / HTTP/1.1" 200 5', (), None
    )
    assert len(_handlers_that_write(record)) == 1
