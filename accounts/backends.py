"""Authentication backends: Django's and allauth's, under this project's names.

Sessions store the path of the backend that logged the user in, so these names stay even
though the classes add nothing now (they used to annotate the main menu's flag on the user;
that flag is cached per user instead: `accounts.selectors.user_administers_an_organization`).
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class ModelBackend(DjangoModelBackend):
    pass


class AuthenticationBackend(AllauthBackend):
    pass
