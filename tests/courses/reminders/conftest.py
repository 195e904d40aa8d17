"""Fixtures for the reminder tests."""

from __future__ import annotations

import pytest

from tests.courses.reminders import samples


@pytest.fixture
def email_samples():
    """{kind key: template context} for a given name (see tests/courses/reminders/samples.py)."""
    return samples.email_samples
