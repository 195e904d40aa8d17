"""The Celery app, and the site's one retry policy for tasks.

Configuration comes from Django settings under the CELERY_ namespace. Every task is declared
with `lms.celery.task(name=...)`: an explicit name (so moving a task never strands queued
messages) and the same retry policy (`RETRY`): acks_late, redelivered when a worker is lost,
exponential backoff with jitter, a maximum number of tries. The reminder engine backs off its
rows with the same policy.
"""

import os
import random
import smtplib
from collections.abc import Callable
from typing import Any

from celery import Celery, shared_task
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class RetryPolicy:
    """Backoff `TASK_RETRY_BACKOFF` seconds doubling up to `TASK_RETRY_BACKOFF_MAX`, with jitter,
    at most `TASK_MAX_RETRIES` tries; on SMTP and network errors (OSError)."""

    retry_for: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError)

    @property
    def backoff(self) -> int:
        return settings.TASK_RETRY_BACKOFF

    @property
    def backoff_max(self) -> int:
        return settings.TASK_RETRY_BACKOFF_MAX

    @property
    def max_retries(self) -> int:
        return settings.TASK_MAX_RETRIES

    def countdown(self, attempt: int) -> float:
        """Seconds before try `attempt + 1`: exponential, capped, plus up to half again of jitter."""
        delay = min(self.backoff_max, self.backoff * (2 ** max(0, attempt - 1)))
        return delay + random.uniform(0, delay / 2)

    def task_options(self) -> dict[str, Any]:
        return {
            "acks_late": True,
            "reject_on_worker_lost": True,
            "autoretry_for": self.retry_for,
            "retry_backoff": self.backoff,
            "retry_backoff_max": self.backoff_max,
            "retry_jitter": True,
            "max_retries": self.max_retries,
        }


RETRY = RetryPolicy()


def task(*, name: str, **options: Any) -> Callable:
    """`shared_task` with an explicit name and the site's retry policy (`options` may add bind=True)."""
    return shared_task(name=name, ignore_result=True, **(RETRY.task_options() | options))
