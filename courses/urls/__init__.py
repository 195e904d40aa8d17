"""URLs of the courses app, one module per area, all under the `courses` namespace."""

from courses.urls import certificates, cohorts, exercises, followup, learning, organizations, studio

app_name = "courses"
urlpatterns = [
    *learning.urlpatterns,
    *exercises.urlpatterns,
    *organizations.urlpatterns,
    *certificates.urlpatterns,
    *followup.urlpatterns,
    *studio.urlpatterns,
    *cohorts.urlpatterns,
]
