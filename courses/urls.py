"""URLs of the courses app, one module per area, all under the `courses` namespace."""

from courses.certificates import urls as certificates
from courses.cohorts import urls as cohorts
from courses.exercises import urls as exercises
from courses.followup import urls as followup
from courses.impact import urls as impact
from courses.learning import urls as learning
from courses.organizations import urls as organizations
from courses.practice import urls as practice
from courses.reminders import urls as reminders
from courses.storefront import urls as storefront
from courses.studio import urls as studio

app_name = "courses"
urlpatterns = [
    *storefront.urlpatterns,
    *learning.urlpatterns,
    *exercises.urlpatterns,
    *organizations.urlpatterns,
    *certificates.urlpatterns,
    *followup.urlpatterns,
    *impact.urlpatterns,
    *studio.urlpatterns,
    *cohorts.urlpatterns,
    *reminders.urlpatterns,
    *practice.urlpatterns,
]
