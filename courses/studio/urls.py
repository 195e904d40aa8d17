from django.urls import path

from courses.studio import views

urlpatterns = [
    path("studio/", views.studio_home, name="studio_home"),
    path("studio/new/", views.studio_course_create, name="studio_course_create"),
    path("studio/import/", views.studio_course_import, name="studio_course_import"),
    path("studio/<slug:slug>/", views.studio_course_edit, name="studio_course_edit"),
    path("studio/<slug:slug>/status/", views.studio_course_status, name="studio_course_status"),
    path("studio/<slug:slug>/preview/", views.studio_course_preview, name="studio_course_preview"),
    path("studio/<slug:slug>/duplicate/", views.studio_course_duplicate, name="studio_course_duplicate"),
    path("studio/<slug:slug>/translate/", views.studio_translation_create, name="studio_translation_create"),
    path(
        "studio/<slug:slug>/lessons/<id:pk>/up-to-date/",
        views.studio_lesson_mark_current,
        name="studio_lesson_mark_current",
    ),
    path("studio/<slug:slug>/export/", views.studio_course_export, name="studio_course_export"),
    path("studio/<slug:slug>/analytics/", views.studio_analytics, name="studio_analytics"),
    path("studio/<slug:slug>/trainers/", views.studio_trainers, name="studio_trainers"),
    path("studio/<slug:slug>/modules/new/", views.studio_module_create, name="studio_module_create"),
    path("studio/<slug:slug>/modules/<id:pk>/", views.studio_module_edit, name="studio_module_edit"),
    path("studio/<slug:slug>/modules/<id:pk>/delete/", views.studio_module_delete, name="studio_module_delete"),
    path("studio/<slug:slug>/move/<slug:kind>/<id:pk>/", views.studio_item_move, name="studio_item_move"),
    path("studio/<slug:slug>/order/<slug:kind>/<id:pk>/", views.studio_item_order, name="studio_item_order"),
    path(
        "studio/<slug:slug>/modules/<id:module_pk>/lessons/new/",
        views.studio_lesson_create,
        name="studio_lesson_create",
    ),
    path("studio/<slug:slug>/lessons/preview/", views.studio_lesson_preview, name="studio_lesson_preview"),
    path("studio/<slug:slug>/lessons/<id:pk>/", views.studio_lesson_edit, name="studio_lesson_edit"),
    path("studio/<slug:slug>/lessons/<id:pk>/delete/", views.studio_lesson_delete, name="studio_lesson_delete"),
    path(
        "studio/<slug:slug>/lessons/<id:pk>/attachments/",
        views.studio_attachment_add,
        name="studio_attachment_add",
    ),
    path(
        "studio/<slug:slug>/attachments/<id:pk>/delete/",
        views.studio_attachment_delete,
        name="studio_attachment_delete",
    ),
    path(
        "studio/<slug:slug>/modules/<id:module_pk>/exercises/new/",
        views.studio_exercise_create,
        name="studio_exercise_create",
    ),
    path("studio/<slug:slug>/exercises/<id:pk>/", views.studio_exercise_edit, name="studio_exercise_edit"),
    path(
        "studio/<slug:slug>/exercises/<id:pk>/delete/",
        views.studio_exercise_delete,
        name="studio_exercise_delete",
    ),
]
