"""The one outbox: emails caused by an event (a submission, a review, an invitation) are reminder
rows, sent exactly once however often their task or the sweep runs; rows can be addressed to
people without an account; every task has an explicit name and the site's one retry policy."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from courses.exercises import services as exercise_svc
from courses.exercises.selectors import rubric_for
from courses.exercises.tasks import feedback_notify_participant_task, submission_notify_trainers_task
from courses.organizations.tasks import invitation_send_batch_task
from courses.reminders.models import Reminder
from courses.reminders.services import reminders_sweep_now
from lms import celery_app
from tests.courses.exercises.conftest import world
from tests.courses.organizations.conftest import make_invitation, make_org
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _run_twice(task, object_id: int) -> list[int]:
    """The task twice (a redelivered message), then two sweeps (which may send other kinds)."""
    sent = [task(object_id), task(object_id)]
    reminders_sweep_now()
    reminders_sweep_now()
    return sent


def _messages_with(text: str) -> list:
    return [m for m in mail.outbox if text in m.body]


def test_submission_notify_trainers_task_run_twice_sends_once():
    w = world()
    submission = exercise_svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    mail.outbox.clear()
    assert _run_twice(submission_notify_trainers_task, submission.pk) == [1, 0]
    assert [m.to for m in _messages_with(f"/trainer/reviews/{submission.pk}/")] == [[w.trainer.email]]
    row = Reminder.objects.get(kind="submission_received")
    assert (row.user_id, row.object_key, row.status) == (w.trainer.pk, f"submission:{submission.pk}", "sent")


def test_feedback_notify_participant_task_run_twice_sends_once():
    w = world()
    submission = exercise_svc.submission_create(user=w.participant, exercise=w.assignment, text="v1")
    review = exercise_svc.review_submit(
        reviewer=w.trainer,
        submission=submission,
        decision="needs_revision",
        feedback="Make the question open.",
        scores={c.pk: 2 for c in rubric_for(exercise_id=w.assignment.pk)},
    )
    mail.outbox.clear()
    assert _run_twice(feedback_notify_participant_task, review.pk) == [1, 0]
    assert [m.to for m in _messages_with("Make the question open.")] == [[w.participant.email]]
    assert Reminder.objects.get(kind="feedback_given").status == Reminder.Status.SENT


def test_invitation_send_batch_task_run_twice_sends_once_to_an_address_without_account():
    _, _, licence = make_org()
    invitation = make_invitation(licence, email="newcomer@example.com")
    assert _run_twice(lambda pk: invitation_send_batch_task([pk]), invitation.pk) == [1, 0]
    assert [m.to for m in _messages_with(f"/invitations/{invitation.token}/")] == [["newcomer@example.com"]]
    row = Reminder.objects.get(kind="invitation")
    assert (row.user_id, row.email, row.status) == (None, "newcomer@example.com", "sent")
    assert (
        "List-Unsubscribe" not in _messages_with(invitation.token)[0].extra_headers
    )  # no account: nothing to unsubscribe


def test_invitation_revoked_before_sending_is_skipped():
    org, admin, licence = make_org()
    invitation = make_invitation(licence)
    invitation.status = "revoked"
    invitation.save(update_fields=["status"])
    assert invitation_send_batch_task([invitation.pk]) == 0
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_reminder_row_key_holds_for_addresses_and_needs_a_recipient():
    Reminder.objects.create(email="a@example.com", kind="invitation", object_key="invitation:1", period="p")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(email="a@example.com", kind="invitation", object_key="invitation:1", period="p")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(kind="invitation", object_key="invitation:2", period="p")  # nobody
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(user=user, email="b@example.com", kind="welcome", object_key="x", period="p")


def test_every_task_has_an_explicit_name_and_the_one_retry_policy(settings):
    celery_app.loader.import_default_modules()  # autodiscovery, as a worker does at start
    ours = {name: t for name, t in celery_app.tasks.items() if name.startswith(("courses.", "lms."))}
    assert {
        "courses.reminders_sweep_task",
        "courses.reminders_send_batch_task",
        "courses.certificate_issue_task",
        "courses.cohort_tasks.session_update_notify_task",
        "courses.tasks_exercises.submission_notify_trainers_task",
        "courses.tasks_exercises.feedback_notify_participant_task",
        "courses.tasks_organizations.invitation_send_batch_task",
        "courses.peer_reviews_replace_late_task",
        "lms.tasks.email_send_task",
    } == set(ours)
    for name, t in ours.items():
        assert t.acks_late and t.reject_on_worker_lost and t.retry_jitter, name
        assert (t.retry_backoff, t.retry_backoff_max, t.max_retries) == (
            settings.TASK_RETRY_BACKOFF,
            settings.TASK_RETRY_BACKOFF_MAX,
            settings.TASK_MAX_RETRIES,
        ), name
