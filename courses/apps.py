from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        # The seams between areas, plugged in once: learning asks these hooks instead of
        # importing the areas that build on it (see courses/learning/hooks.py).
        from courses.certificates.tasks import certificate_issue_after_commit
        from courses.cohorts.selectors import attendance_requirement_met, module_release_state
        from courses.learning.hooks import hooks

        hooks.release_state = module_release_state
        hooks.completion_requirements[:] = [attendance_requirement_met]
        hooks.on_course_completed[:] = [certificate_issue_after_commit]
