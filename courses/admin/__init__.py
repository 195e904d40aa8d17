from courses.admin import content, followup  # noqa: F401
