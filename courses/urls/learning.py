from django.urls import path

from courses.views import learning

urlpatterns = [
    path("", learning.catalog, name="catalog"),
]
