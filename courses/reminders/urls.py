from django.urls import path

from courses.reminders import views

urlpatterns = [
    path("my/email-preferences/", views.email_preferences, name="email_preferences"),
    path("email/unsubscribe/<token:token>/", views.unsubscribe, name="unsubscribe"),
]
