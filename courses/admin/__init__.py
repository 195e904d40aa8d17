# Each area registers its models in its own module.
from courses.admin import (  # noqa: F401
    certificates,
    cohorts,
    content,
    exercises,
    followup,
    organizations,
    reminders,
)
