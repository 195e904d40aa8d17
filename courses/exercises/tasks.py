"""Celery tasks for practice-assignment emails: thin, take ids, idempotent.

Each calls one service in courses.exercises.reminders, which stores the emails as reminder rows
and sends them through the outbox: a redelivered or repeated task sends nothing again. The
names are the ones these tasks had before the area packages, so queued messages still run.
"""

from __future__ import annotations

from courses.exercises.reminders import review_notice_send, submission_notices_send
from lms.celery import task


@task(name="courses.tasks_exercises.submission_notify_trainers_task")
def submission_notify_trainers_task(submission_id: int) -> int:
    """Tell the course's trainers that work is waiting for review. Returns the number of emails sent."""
    return submission_notices_send(submission_id=submission_id)


@task(name="courses.tasks_exercises.feedback_notify_participant_task")
def feedback_notify_participant_task(review_id: int) -> int:
    """Tell the participant that a trainer reviewed their work. Returns the number of emails sent."""
    return review_notice_send(review_id=review_id)
