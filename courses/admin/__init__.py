from courses.admin import (
    content,  # noqa: F401
    exercises,  # noqa: F401
)
