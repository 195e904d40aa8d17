from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo import seed
from courses.demo.cohorts import seed_cohorts
from courses.demo.exercises import seed_submissions
from courses.demo.followup import seed_followup
from courses.demo.impact import seed_impact
from courses.demo.organizations import seed_organizations
from courses.demo.practice import seed_practice
from courses.demo.storefront import seed_storefront
from courses.demo.storefront_nl import seed_storefront_translations
from courses.reminders.services import reminders_sweep_now


class Command(BaseCommand):
    help = "Create the demo users and content. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            users = seed.seed_users()
            seed.seed_courses(users)  # courses, modules, lessons and exercises from the exchange files
            seed.seed_translations(users)  # courses/demo/courses/<language>/*.json, linked to their originals
            seed_submissions(users)  # demo work in the trainer's review queue
            seed_cohorts(users)  # after the courses are seeded
            users.update(seed_organizations(users))
            seed_followup(users)  # needs the courses, exercises, organizations and users above
            seed_impact(users)  # Acme's impact story: observers, team pulse, surveys, tests, win rate
            seed_practice(users)  # a sent practice take in the demo cohort, with time-stamped comments
            seed_storefront(users)  # listings, demo quotes, FAQ, trainer bio and upcoming cohorts
            seed_storefront_translations()  # the Dutch master classes' listings
        # One sweep now, so the due reminders are in var/mail/ at once (beat repeats it every 15 min).
        self.stdout.write(f"Reminders sent now (see var/mail/): {reminders_sweep_now()}")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {seed.DEMO_PASSWORD}):")
        for key, user in users.items():
            self.stdout.write(f"  {key:<12} {user.email}")
