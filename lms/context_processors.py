from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.selectors import user_administers_an_organization


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


def nav(request):
    """What the main menu needs to know about the user (the flag is cached per user, so drawing
    the menu costs no query when warm)."""
    user = getattr(request, "user", None)
    return {"nav_org_admin": SimpleLazyObject(lambda: user is not None and user_administers_an_organization(user=user))}
