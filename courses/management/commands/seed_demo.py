from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo import seed


class Command(BaseCommand):
    help = "Create the demo users and content. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            users = seed.seed_users()
        from courses.services.reminders import reminders_sweep_now

        self.stdout.write(f"Reminders sent now (see var/mail/): {reminders_sweep_now()}")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {seed.DEMO_PASSWORD}):")
        for key, user in users.items():
            self.stdout.write(f"  {key:<12} {user.email}")
