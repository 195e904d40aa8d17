"""The admin of every area, imported here so that Django's admin autodiscovery finds it."""

from courses.certificates import admin as certificates_admin
from courses.cohorts import admin as cohorts_admin
from courses.exercises import admin as exercises_admin
from courses.followup import admin as followup_admin
from courses.learning import admin as learning_admin
from courses.organizations import admin as organizations_admin
from courses.reminders import admin as reminders_admin
from courses.storefront import admin as storefront_admin
from courses.studio import admin as studio_admin

__all__ = [
    "certificates_admin",
    "cohorts_admin",
    "exercises_admin",
    "followup_admin",
    "learning_admin",
    "organizations_admin",
    "reminders_admin",
    "storefront_admin",
    "studio_admin",
]
