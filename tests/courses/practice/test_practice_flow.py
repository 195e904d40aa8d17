"""The practice conversation from take to approval: self-review first, time-stamped comments,
the trainer's rubric review (the exercises' review flow) and resubmission keeping history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.exercises import services as exercise_services
from courses.exercises.models import RubricCriterion, Submission
from courses.models import ExerciseCompletion
from courses.practice import services as svc
from courses.practice.models import Recording, TimedComment
from tests.courses.practice.conftest import sent_take, session_queries, wav_upload, webm_upload, world

pytestmark = pytest.mark.django_db


def test_send_needs_a_self_review_note_first():
    w = world()
    recording = svc.recording_create(user=w.participant, exercise=w.exercise, file=wav_upload())
    with pytest.raises(ValidationError) as exc:
        svc.recording_submit(user=w.participant, recording=recording, text="Feedback please")
    assert exc.value.error_list[0].code == "self_review"
    assert not Submission.objects.exists()
    svc.comment_add(author=w.participant, recording=recording, at_ms=1000, text="I steered here.")
    submission = svc.recording_submit(user=w.participant, recording=recording, text="Feedback please")
    recording.refresh_from_db()
    assert recording.submission == submission and submission.status == Submission.Status.SUBMITTED


def test_wav_length_is_measured_and_comments_beyond_the_end_are_refused():
    w = world()
    recording = sent_take(w, seconds=2.0)
    assert recording.duration_ms == 2000
    with pytest.raises(ValidationError) as exc:
        svc.comment_add(author=w.trainer, recording=recording, at_ms=2500, text="Too late")
    assert exc.value.error_list[0].code == "beyond_end"
    assert TimedComment.objects.filter(author=w.trainer).count() == 0


def test_too_long_take_is_refused(settings):
    w = world()
    w.exercise.conversation.max_minutes = 1
    w.exercise.conversation.save()
    with pytest.raises(ValidationError) as exc:
        svc.recording_create(user=w.participant, exercise=w.exercise, file=webm_upload(), duration_ms=70_000)
    assert exc.value.error_list[0].code == "too_long"
    assert not Recording.objects.exists()
    # A WAV's own header wins over what the browser said.
    assert svc.recording_create(user=w.participant, exercise=w.exercise, file=wav_upload(), duration_ms=70_000)


def test_trainer_comments_at_a_moment_with_criterion_and_tone_then_reviews(client):
    w = world()
    recording = sent_take(w)
    criterion = RubricCriterion.objects.filter(exercise=w.exercise).first()
    client.force_login(w.trainer)
    url = reverse("courses:recording_detail", args=[recording.pk])
    response = client.post(
        url, {"at": "0:01.5", "text": "Nice open question", "tone": "praise", "criterion": criterion.pk}
    )
    assert response.status_code == 302
    comment = TimedComment.objects.get(author=w.trainer)
    assert (comment.at_ms, comment.tone, comment.criterion) == (1500, "praise", criterion)
    page = client.get(url)
    assert 'data-testid="finish-review"' in page.text
    scores = {c.pk: c.max_score for c in RubricCriterion.objects.filter(exercise=w.exercise)}
    review_url = reverse("courses:review_detail", args=[recording.submission_id])
    assert 'data-testid="open-recording"' in client.get(review_url).text
    post = {"decision": "approved", "feedback": "Well done."} | {f"score_{k}": v for k, v in scores.items()}
    assert client.post(review_url, post).status_code == 302
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.exercise).exists()


def test_participant_sees_comments_in_time_order_and_replies_in_thread(client):
    w = world()
    recording = sent_take(w)
    svc.comment_add(author=w.trainer, recording=recording, at_ms=1800, text="LATE-ONE", tone="suggestion")
    first = svc.comment_add(author=w.trainer, recording=recording, at_ms=100, text="EARLY-ONE", tone="praise")
    client.force_login(w.participant)
    url = reverse("courses:recording_detail", args=[recording.pk])
    assert client.post(url, {"parent": first.pk, "text": "THANKS-REPLY"}).status_code == 302
    reply = TimedComment.objects.get(text="THANKS-REPLY")
    assert reply.parent == first and reply.at_ms == first.at_ms
    page = client.get(url).text.split('id="comments-heading"')[1]
    assert page.index("EARLY-ONE") < page.index("THANKS-REPLY") < page.index("Here I asked") < page.index("LATE-ONE")
    assert "Jump to 0:00" in page and "Jump to 0:01" in page
    assert f'data-seek-ms="{first.at_ms}"' in page


def test_resubmission_keeps_history_and_approval_completes():
    w = world()
    first = sent_take(w)
    with pytest.raises(ValidationError):  # waiting for review: no new take
        svc.recording_create(user=w.participant, exercise=w.exercise, file=wav_upload())
    criteria = RubricCriterion.objects.filter(exercise=w.exercise)
    exercise_services.review_submit(
        reviewer=w.trainer,
        submission=first.submission,
        decision="needs_revision",
        feedback="Ask it earlier.",
        scores={c.pk: 1 for c in criteria},
    )
    second = sent_take(w)
    assert second.submission.version == 2
    assert first.comments.count() == 1 and Recording.objects.filter(user=w.participant).count() == 2
    exercise_services.review_submit(
        reviewer=w.trainer,
        submission=second.submission,
        decision="approved",
        feedback="Yes.",
        scores={c.pk: 3 for c in criteria},
    )
    assert ExerciseCompletion.objects.filter(user=w.participant, exercise=w.exercise).exists()
    first.submission.refresh_from_db()
    assert first.submission.status == Submission.Status.NEEDS_REVISION


def test_only_the_owner_comments_on_a_draft():
    w = world()
    recording = svc.recording_create(user=w.participant, exercise=w.exercise, file=wav_upload())
    with pytest.raises(ValidationError) as exc:
        svc.comment_add(author=w.trainer, recording=recording, at_ms=100, text="Early")
    assert exc.value.error_list[0].code == "draft"


@pytest.mark.parametrize("n", [3, 200])
def test_review_page_query_count_flat(client, django_assert_num_queries, n):
    w = world()
    recording = sent_take(w)
    TimedComment.objects.bulk_create(
        [TimedComment(recording=recording, author=w.trainer, at_ms=i, text=f"c{i}") for i in range(n)]
    )
    first = TimedComment.objects.filter(author=w.trainer).first()
    TimedComment.objects.bulk_create(
        [TimedComment(recording=recording, author=w.participant, parent=first, at_ms=0, text=f"r{i}") for i in range(n)]
    )
    client.force_login(w.trainer)
    url = reverse("courses:recording_detail", args=[recording.pk])
    # session (db sessions only), 1 user, 2 recording with owner, exercise, course, submission and review, 3 trainer
    # check, 4 threads with authors and criteria, 5 their replies with authors, 6 rubric.
    with django_assert_num_queries(session_queries() + 6):
        response = client.get(url)
    assert response.text.count('data-testid="comment"') == n + 1
