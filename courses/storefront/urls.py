from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from courses.storefront import views as storefront
from courses.storefront.sitemaps import SITEMAPS

urlpatterns = [
    path("", storefront.home, name="home"),
    path("for-organizations/", storefront.for_organizations, name="for_organizations"),
    path("for-organizations/thanks/", storefront.org_request_thanks, name="org_request_thanks"),
    path("courses/<slug:slug>/cover/", storefront.course_cover, name="course_cover"),
    path("trainers/<id:pk>/photo/", storefront.trainer_photo, name="trainer_photo"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", storefront.robots_txt, name="robots_txt"),
]
