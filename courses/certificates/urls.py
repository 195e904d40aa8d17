from django.urls import path

from courses.certificates import views

urlpatterns = [
    path("certificates/<token:code>/", views.certificate_verify, name="certificate_verify"),
    path("my/certificates/<id:pk>/download/", views.certificate_download, name="certificate_download"),
]
