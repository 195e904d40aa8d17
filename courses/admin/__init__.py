from courses.admin import content  # noqa: F401
