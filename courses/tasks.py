"""Every area's Celery tasks, imported here so that Celery's autodiscovery (which looks for
`<app>.tasks`) registers them. Each task has an explicit `name=`, so moving a task never
strands the messages already queued for it."""

from courses.certificates import tasks as certificates_tasks
from courses.cohorts import tasks as cohorts_tasks
from courses.exercises import tasks as exercises_tasks
from courses.organizations import tasks as organizations_tasks
from courses.practice import tasks as practice_tasks
from courses.reminders import tasks as reminders_tasks

__all__ = [
    "certificates_tasks",
    "cohorts_tasks",
    "exercises_tasks",
    "organizations_tasks",
    "practice_tasks",
    "reminders_tasks",
]
