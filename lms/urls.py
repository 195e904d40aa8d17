from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from lms import icons, styleguide, views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Master Class Coaching administration"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("site.webmanifest", icons.webmanifest, name="webmanifest"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("courses.urls")),
]
if settings.DEBUG:  # the development outbox: not even routed in production
    urlpatterns.insert(0, path("dev/mail/", include("lms.devmail")))

handler400 = "lms.views.bad_request"
handler403 = "lms.views.permission_denied"
handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
