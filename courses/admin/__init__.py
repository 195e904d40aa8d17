from courses.admin import (
    content,  # noqa: F401
    organizations,  # noqa: F401
)
