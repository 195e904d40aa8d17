"""Logging filters used by LOGGING in lms/settings.py.

A refused request (403, 404, 400) is the client's business, not a bug: Django's `django.request`
logger reports it as a WARNING, and for PermissionDenied it attaches the exception, so every
403 printed a full traceback. `OneLineClientErrors` keeps such records to their one message
line ("Forbidden (Permission denied): /path"); server errors (5xx, level ERROR) keep their
traceback.
"""

from __future__ import annotations

import logging


class OneLineClientErrors(logging.Filter):
    """Drop the traceback of records below ERROR (4xx responses); keep the record itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
