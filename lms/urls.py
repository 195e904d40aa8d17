from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog

from lms import icons, styleguide, views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Master Class Coaching administration"

# The site's own JavaScript strings (locale/*/LC_MESSAGES/djangojs.po), no app's: small. Cached a
# day, here and in the browser; base.html adds ?l=<language>, so each language has its own URL.
JS_CATALOG = cache_page(60 * 60 * 24, key_prefix="jsi18n")(JavaScriptCatalog.as_view(packages=["lms"]))

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("site.webmanifest", icons.webmanifest, name="webmanifest"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("i18n/setlang/", views.language_set, name="set_language"),
    path("jsi18n/", JS_CATALOG, name="javascript-catalog"),
    path("", include("courses.urls")),
]
if settings.DEBUG:  # the development outbox: not even routed in production
    urlpatterns.insert(0, path("dev/mail/", include("lms.devmail")))

handler400 = "lms.views.bad_request"
handler403 = "lms.views.permission_denied"
handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
