from courses.admin import (  # noqa: F401
    certificates,
    content,  # noqa: F401
    reminders,
)
