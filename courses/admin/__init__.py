# Each area registers its models in its own module.
from courses.admin import (
    cohorts,  # noqa: F401
    content,  # noqa: F401
    exercises,  # noqa: F401
    followup,  # noqa: F401
    organizations,  # noqa: F401
)
