from django.urls import path

from courses.practice import views as practice

urlpatterns = [
    path(
        "courses/<slug:course_slug>/practice/<slug:exercise_slug>/",
        practice.practice_exercise,
        name="practice_exercise",
    ),
    path("practice/recordings/<id:pk>/", practice.recording_detail, name="recording_detail"),
    path("practice/recordings/<id:pk>/send/", practice.recording_send, name="recording_send"),
    path("practice/recordings/<id:pk>/media/", practice.recording_media, name="recording_media"),
]
