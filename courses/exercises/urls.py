from django.urls import path

from courses.exercises import views as exercises

urlpatterns = [
    path(
        "courses/<slug:course_slug>/exercises/<slug:exercise_slug>/",
        exercises.exercise_detail,
        name="exercise_detail",
    ),
    path(
        "courses/<slug:course_slug>/exercises/<slug:exercise_slug>/draft/",
        exercises.exercise_draft,
        name="exercise_draft",
    ),
    path("trainer/reviews/", exercises.review_queue, name="review_queue"),
    path("trainer/reviews/<id:pk>/", exercises.review_detail, name="review_detail"),
    path("trainer/courses/<slug:slug>/reflections/", exercises.trainer_reflections, name="trainer_reflections"),
    path("submissions/<id:pk>/file/", exercises.submission_file, name="submission_file"),
    path("my/peer-reviews/", exercises.peer_review_list, name="peer_review_list"),
    path("my/peer-reviews/<id:pk>/", exercises.peer_review_detail, name="peer_review_detail"),
    path("my/peer-reviews/<id:pk>/rate/", exercises.peer_review_rate, name="peer_review_rate"),
]
