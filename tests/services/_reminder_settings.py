"""Settings for the Celery worker the reminder service tests start (short timeouts)."""

from lms.settings import *  # noqa: F403

# A killed worker's message comes back after seconds, not an hour.
# kombu scans for abandoned messages every interval * throttle seconds (default 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 4,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
# A claim older than this is taken back (the test's batch takes well under a second).
REMINDERS_CLAIM_TIMEOUT = 3
TASK_RETRY_BACKOFF = 1
TASK_RETRY_BACKOFF_MAX = 2
TASK_MAX_RETRIES = 5
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
