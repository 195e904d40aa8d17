"""Demo practice conversation for `manage.py seed_demo` (after organizations and cohorts).

Alex Moreno of Acme Sales joins the demo cohort with the demo participant and Bea Schmidt, and
has sent a take of "Practise the miracle question out loud": a short generated WAV file (two
alternating tones standing in for coach and coachee, made here with the standard library; no
download), with Alex's own note, a peer comment by the demo participant and one by the trainer.
Peer review is on for the exercise (one anonymous reviewer per take): Bea sends a take too, so
Alex and Bea review each other; Bea's rubric scores for Alex's take stand beside the trainer's
on the review page, and Alex still has Bea's take to review. It waits in the trainer's review
queue. The demo participant can still record their own take.

The same cohort has two practice groups of three (the demo participant with Alex and Bea; Chris,
Dana and Eli of Acme Sales), a first round three days ago with both observation forms filled in,
and an online second round in four days (the demo participant is its observer).

Idempotent: a take, groups or rounds that exist are left alone.
"""

from __future__ import annotations

import datetime
import io
import math
import struct
import wave

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from courses.cohorts import services as cohorts_svc
from courses.cohorts import triads as triad_services
from courses.cohorts.models import Cohort, PracticeRound, Triad
from courses.exercises import services as exercises_svc
from courses.exercises.models import PeerReview, RubricCriterion
from courses.learning.models import Enrollment, Exercise
from courses.practice import services as practice_svc
from courses.practice.models import Recording

COURSE = "coaching-sales-professionals"
EXERCISE = "practise-the-miracle-question"
COHORT = "demo-run"
PEERS = ["alex.moreno@acme.example.com", "bea.schmidt@acme.example.com"]
SECOND_GROUP = ["chris.olsen@acme.example.com", "dana.kowalski@acme.example.com", "eli.novak@acme.example.com"]
# (observer's answers) for group 1 and group 2 in round 1
OBSERVATIONS = [
    {
        "miracle_question": True,
        "open_questions": 9,
        "closed_questions": 3,
        "solution_by": "coachee",
        "coach_talk_percent": 35,
        "keep": "The silence after the miracle question: Alex found her own picture.",
        "try_next": "Ask a scaling question before agreeing on the next step.",
    },
    {
        "miracle_question": False,
        "open_questions": 4,
        "closed_questions": 8,
        "solution_by": "coach",
        "coach_talk_percent": 60,
        "keep": "A warm start that put Dana at ease.",
        "try_next": "Ask the miracle question instead of suggesting a discount policy.",
    },
]
RATE = 8000
# (seconds, tone in Hz): coach and coachee taking turns, with short pauses.
TURNS = [(2.0, 220), (0.4, 0), (3.0, 330), (0.4, 0), (2.5, 220), (0.6, 0), (3.5, 330), (0.4, 0), (1.5, 220)]


def demo_wav() -> bytes:
    """About 14 seconds of mono 8 kHz PCM: small enough to ship, real enough to play and seek."""
    frames = bytearray()
    for seconds, tone in TURNS:
        for n in range(int(seconds * RATE)):
            value = 0 if not tone else int(2500 * math.sin(2 * math.pi * tone * n / RATE))
            frames += struct.pack("<h", value)
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(bytes(frames))
    return out.getvalue()


def seed_practice(users: dict[str, User]) -> None:
    exercise = Exercise.objects.filter(course__slug=COURSE, slug=EXERCISE).first()
    cohort = Cohort.objects.filter(course__slug=COURSE, slug=COHORT).first()
    peers = [User.objects.filter(email=email).first() for email in PEERS]
    trainer, participant = users.get("trainer"), users.get("participant")
    if exercise is None or cohort is None or None in peers or trainer is None or participant is None:
        print("seed_practice: course, cohort or people missing, no demo practice conversation.")
        return
    for peer in peers:
        cohorts_svc.cohort_enroll(user=peer, course=exercise.course, cohort=cohort, source=Enrollment.Source.STAFF)
    _groups_and_rounds(exercise, cohort, [participant, *peers])
    alex = peers[0]
    if Recording.objects.filter(user=alex, exercise=exercise).exists():
        return
    exercises_svc.peer_review_setup_save(exercise=exercise, reviewers=1, anonymous=True, days=7)
    take = SimpleUploadedFile("alex-practice.wav", demo_wav(), content_type="audio/wav")
    recording = practice_svc.recording_create(user=alex, exercise=exercise, file=take)
    note = practice_svc.comment_add(
        author=alex,
        recording=recording,
        at_ms=2600,
        text="Here I asked the miracle question. I think I announced it too quickly.",
    )
    practice_svc.recording_submit(
        user=alex, recording=recording, text="Did my miracle question stay open, or did I steer her towards service?"
    )
    practice_svc.comment_add(
        author=participant,
        recording=recording,
        at_ms=6100,
        text="You waited for her answer here instead of filling the silence. Good to keep.",
        tone="praise",
    )
    practice_svc.comment_add(
        author=trainer,
        recording=recording,
        at_ms=9300,
        text="This is a closed question. Try: what would your best customer notice first?",
        tone="suggestion",
    )
    practice_svc.comment_add(
        author=trainer, recording=recording, at_ms=0, text="Agreed: slow down the introduction.", parent_id=note.pk
    )
    _peer_review(exercise, alex_submission=recording.submission, bea=peers[1])


def _peer_review(exercise: Exercise, *, alex_submission, bea: User) -> None:
    """Bea sends a take as well (so the two are each other's reviewer) and reviews Alex's."""
    take = SimpleUploadedFile("bea-practice.wav", demo_wav(), content_type="audio/wav")
    recording = practice_svc.recording_create(user=bea, exercise=exercise, file=take)
    practice_svc.comment_add(author=bea, recording=recording, at_ms=5200, text="He answered his own question here.")
    practice_svc.recording_submit(user=bea, recording=recording, text="First try; the silence felt long.")
    review = PeerReview.objects.filter(submission=alex_submission, reviewer=bea).first()
    if review is None:
        return
    criteria = RubricCriterion.objects.filter(exercise=exercise).order_by("position", "pk")
    exercises_svc.peer_review_submit(
        reviewer=bea,
        peer_review=review,
        scores={str(c.pk): max(1, c.max_score - 1) for c in criteria},
        feedback="The question itself was open and calm. After her answer you jumped to a next step; "
        "one more question about what would be different would have let her own it.",
    )


def _groups_and_rounds(exercise: Exercise, cohort: Cohort, first_group: list[User]) -> None:
    second = [user for user in (User.objects.filter(email=email).first() for email in SECOND_GROUP) if user]
    for user in second:
        cohorts_svc.cohort_enroll(user=user, course=exercise.course, cohort=cohort, source=Enrollment.Source.STAFF)
    if not Triad.objects.filter(cohort=cohort).exists():
        groups = [[u.pk for u in first_group]] + ([[u.pk for u in second]] if len(second) == 3 else [])
        triad_services.triads_set(cohort=cohort, groups=groups)
    if PracticeRound.objects.filter(cohort=cohort).exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    past = now - datetime.timedelta(days=3)
    first = triad_services.practice_round_schedule(
        cohort=cohort, starts_at=past, ends_at=past + datetime.timedelta(minutes=45), online=False, exercise=exercise
    )
    upcoming = now + datetime.timedelta(days=4)
    triad_services.practice_round_schedule(
        cohort=cohort,
        starts_at=upcoming,
        ends_at=upcoming + datetime.timedelta(minutes=45),
        online=True,
        exercise=exercise,
    )
    for triad, answers in zip(Triad.objects.filter(cohort=cohort).order_by("number"), OBSERVATIONS, strict=False):
        members = list(triad.members.order_by("seat"))
        observer = next(
            m.user
            for m in members
            if triad_services.role_for(seat=m.seat, size=len(members), round_number=1) == "observer"
        )
        triad_services.observation_save(user=observer, practice_round=first, triad=triad, data=answers)
