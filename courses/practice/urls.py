from django.urls import path

from courses.practice import views as practice
from courses.practice.views import rounds

urlpatterns = [
    path(
        "courses/<slug:course_slug>/practice/<slug:exercise_slug>/",
        practice.practice_exercise,
        name="practice_exercise",
    ),
    path("practice/recordings/<id:pk>/", practice.recording_detail, name="recording_detail"),
    path("practice/recordings/<id:pk>/send/", practice.recording_send, name="recording_send"),
    path("practice/recordings/<id:pk>/media/", practice.recording_media, name="recording_media"),
    path("trainer/cohorts/<id:pk>/practice/", rounds.cohort_practice, name="cohort_practice"),
    path("trainer/cohorts/<id:pk>/practice/groups/", rounds.triads_edit, name="triads_edit"),
    path("practice/rounds/<id:pk>/", rounds.practice_round, name="practice_round"),
]
