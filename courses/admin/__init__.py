from courses.admin import (
    cohorts,  # noqa: F401
    content,  # noqa: F401
)
