from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.selectors import user_administers_an_organization


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


def nav(request):
    """What the main menu needs to know about the user. The flag is annotated on the user when the
    authentication backend loads it (accounts/backends.py), so drawing the menu costs no query."""
    user = getattr(request, "user", None)
    return {"nav_org_admin": SimpleLazyObject(lambda: user is not None and user_administers_an_organization(user=user))}
