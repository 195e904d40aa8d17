from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        # The seams between areas, plugged in once: learning asks these hooks instead of
        # importing the areas that build on it (see courses/learning/hooks.py), and the reminder
        # engine sends the kinds each area registers here (it imports no area itself).
        from courses.certificates import reminders as certificates_reminders
        from courses.certificates.selectors import certificate_for_course_page, certificates_by_enrollment
        from courses.certificates.tasks import certificate_issue_after_commit
        from courses.cohorts import reminders as cohorts_reminders
        from courses.cohorts.selectors import attendance_requirement_met, module_release_state
        from courses.exercises import reminders as exercises_reminders
        from courses.followup import reminders as followup_reminders
        from courses.impact import reminders as impact_reminders
        from courses.impact.selectors.report import reaction_for_course_page
        from courses.impact.services_pulse import pulse_after_course_completed
        from courses.learning import reminders as learning_reminders
        from courses.learning.hooks import hooks
        from courses.organizations import reminders as organizations_reminders
        from courses.organizations.selectors import invitations_pending_for_user
        from courses.reminders.base import kinds_register
        from courses.storefront import reminders as storefront_reminders
        from courses.storefront.selectors import course_page_extras

        hooks.release_state = module_release_state
        hooks.completion_requirements[:] = [attendance_requirement_met]
        hooks.on_course_completed[:] = [certificate_issue_after_commit, pulse_after_course_completed]
        hooks.certificates_for = certificates_by_enrollment
        hooks.pending_invitations_for = invitations_pending_for_user
        hooks.course_page_context[:] = [course_page_extras, certificate_for_course_page, reaction_for_course_page]
        kinds_register(
            *learning_reminders.KINDS,
            *exercises_reminders.KINDS,
            *followup_reminders.KINDS,
            *impact_reminders.KINDS,
            *cohorts_reminders.KINDS,
            *organizations_reminders.KINDS,
            *certificates_reminders.KINDS,
            *storefront_reminders.KINDS,
        )
