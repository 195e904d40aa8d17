from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo import seed
from courses.demo.organizations import seed_organizations


class Command(BaseCommand):
    help = "Create the demo users and content. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            users = seed.seed_users()
            users.update(seed_organizations(users))
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {seed.DEMO_PASSWORD}):")
        for key, user in users.items():
            self.stdout.write(f"  {key:<12} {user.email}")
