from django.urls import path

from courses.cohorts import views as cohorts

urlpatterns = [
    # Participants
    path("courses/<slug:slug>/schedule/", cohorts.cohort_schedule, name="cohort_schedule"),
    path("courses/<slug:slug>/cohorts/", cohorts.cohort_pick, name="cohort_pick"),
    path("sessions/<id:pk>.ics", cohorts.session_ics, name="session_ics"),
    path("calendar/<token:token>.ics", cohorts.calendar_feed, name="calendar_feed"),
    path("my/calendar/revoke/", cohorts.calendar_feed_revoke, name="calendar_feed_revoke"),
    # Trainers
    path("trainer/courses/<slug:slug>/cohorts/", cohorts.cohort_list, name="cohort_list"),
    path("trainer/courses/<slug:slug>/cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("trainer/courses/<slug:slug>/releases/", cohorts.module_release_list, name="module_release_list"),
    path("trainer/modules/<id:pk>/release/", cohorts.module_release_edit, name="module_release_edit"),
    path("trainer/cohorts/<id:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("trainer/cohorts/<id:pk>/edit/", cohorts.cohort_edit, name="cohort_edit"),
    path("trainer/cohorts/<id:pk>/sessions/new/", cohorts.session_create, name="session_create"),
    path(
        "trainer/cohorts/<id:pk>/participants/<id:enrollment_pk>/move/",
        cohorts.cohort_member_move,
        name="cohort_member_move",
    ),
    path(
        "trainer/cohorts/<id:pk>/participants/<id:enrollment_pk>/early-access/",
        cohorts.module_early_access,
        name="module_early_access",
    ),
    path("trainer/sessions/<id:pk>/edit/", cohorts.session_edit, name="session_edit"),
    path("trainer/sessions/<id:pk>/cancel/", cohorts.session_cancel, name="session_cancel"),
    path("trainer/sessions/<id:pk>/attendance/", cohorts.attendance_sheet, name="attendance_sheet"),
]
