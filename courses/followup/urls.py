from django.urls import path

from courses.followup import views as followup
from courses.followup import views_observers as observers
from courses.followup import views_replan as replan

urlpatterns = [
    path("my/follow-up/", followup.followup, name="followup"),
    path("my/follow-up/share/", followup.followup_share, name="followup_share"),
    path("my/follow-up/check-ins/<id:pk>/", followup.checkin_open, name="checkin_open"),
    path("my/practice-log/new/", followup.practice_log_create, name="practice_log_create"),
    path("my/practice-log/<id:pk>/edit/", followup.practice_log_update, name="practice_log_update"),
    path("my/practice-log/<id:pk>/delete/", followup.practice_log_delete, name="practice_log_delete"),
    path("courses/<slug:course_slug>/plan/<slug:exercise_slug>/", followup.plan_create, name="plan_create"),
    path("my/follow-up/plans/<id:pk>/observers/", observers.plan_observers, name="plan_observers"),
    path("my/follow-up/commitments/<id:pk>/replan/", replan.commitment_replan_view, name="commitment_replan"),
    path("observe/<token:token>/", observers.observer_answer, name="observer_answer"),
    path("check-in/thanks/", followup.checkin_thanks, name="checkin_thanks"),
    path("check-in/<token:token>/", followup.checkin_answer, name="checkin_answer"),
    path("buddy/<token:token>/", followup.buddy_respond, name="buddy_respond"),
    path("trainer/courses/<slug:slug>/follow-up/", followup.trainer_followup, name="trainer_followup"),
    path(
        "trainer/courses/<slug:slug>/follow-up/participants/<id:user_id>/",
        followup.trainer_followup_participant,
        name="trainer_followup_participant",
    ),
    path("org/<slug:org_slug>/follow-up/", followup.org_followup, name="org_followup"),
]
