from django.urls import path

from courses.learning import views as learning

urlpatterns = [
    path("courses/", learning.catalog, name="catalog"),
    path("courses/<slug:slug>/", learning.course_detail, name="course_detail"),
    path("courses/<slug:slug>/enroll/", learning.course_enroll, name="course_enroll"),
    path("courses/<slug:slug>/switch-to/<slug:target>/", learning.course_switch_version, name="course_switch_version"),
    path("courses/<slug:course_slug>/lessons/<slug:lesson_slug>/", learning.lesson_detail, name="lesson_detail"),
    path(
        "courses/<slug:course_slug>/lessons/<slug:lesson_slug>/complete/",
        learning.lesson_complete,
        name="lesson_complete",
    ),
    path("attachments/<id:pk>/", learning.attachment_download, name="attachment_download"),
    path("my/learning/", learning.dashboard, name="dashboard"),
]
