"""Authentication backends: Django's and allauth's, loading the logged-in user with what every
page's menu needs (whether they administer an organization) in the same query."""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from accounts.models import User
from accounts.selectors import users_with_menu_flags


class _LoadsMenuFlags:
    def get_user(self, user_id):
        try:
            user = users_with_menu_flags().get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_LoadsMenuFlags, DjangoModelBackend):
    pass


class AuthenticationBackend(_LoadsMenuFlags, AllauthBackend):
    pass
