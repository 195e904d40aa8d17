from django.urls import path

from courses.impact import views as impact
from courses.impact import views_pulse as pulse

COURSE, COHORT, LICENCE = {"kind": "course"}, {"kind": "cohort"}, {"kind": "licence"}
C_CSV, C_PDF = {**COURSE, "output": "csv"}, {**COURSE, "output": "pdf"}

urlpatterns = [
    path("trainer/courses/<slug:slug>/impact/", impact.report, COURSE, name="impact_course"),
    path("trainer/courses/<slug:slug>/impact/csv/", impact.report, C_CSV, name="impact_course_csv"),
    path("trainer/courses/<slug:slug>/impact/pdf/", impact.report, C_PDF, name="impact_course_pdf"),
    path("trainer/cohorts/<id:pk>/impact/", impact.report, COHORT, name="impact_cohort"),
    path("trainer/cohorts/<id:pk>/impact/csv/", impact.report, {**COHORT, "output": "csv"}, name="impact_cohort_csv"),
    path("trainer/cohorts/<id:pk>/impact/pdf/", impact.report, {**COHORT, "output": "pdf"}, name="impact_cohort_pdf"),
    path("org/<slug:org_slug>/licences/<id:pk>/impact/", impact.report, LICENCE, name="impact_licence"),
    path(
        "org/<slug:org_slug>/licences/<id:pk>/impact/csv/",
        impact.report,
        {**LICENCE, "output": "csv"},
        name="impact_licence_csv",
    ),
    path(
        "org/<slug:org_slug>/licences/<id:pk>/impact/pdf/",
        impact.report,
        {**LICENCE, "output": "pdf"},
        name="impact_licence_pdf",
    ),
    path("org/<slug:org_slug>/impact/figures/", impact.kpi_upload, name="impact_kpi_upload"),
    path("courses/<slug:slug>/reaction/", impact.reaction_survey, name="reaction_survey"),
    path("my/team-pulse/<slug:course_slug>/", pulse.team_pulse, name="team_pulse"),
    path("team-pulse/<token:token>/", pulse.pulse_answer, name="pulse_answer"),
]
