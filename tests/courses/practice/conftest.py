"""Builders shared by the practice-conversation tests (tests/courses/practice/test_*.py)."""

from __future__ import annotations

import datetime
import io
import math
import struct
import threading
import wave
from types import SimpleNamespace

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from courses.cohorts import triads as triad_services
from courses.exercises import services as exercise_services
from courses.learning.services import enrollment_create
from courses.models import Cohort, CohortMembership, Exercise, Triad, TriadMember
from courses.practice import services as svc
from tests.factories import CourseFactory, ExerciseFactory, ModuleFactory, TrainerFactory, UserFactory

SCENARIO = "Your rep says the market is the problem. Coach them towards their own next step."
ROLE_CARD = "ROLE-CARD-SECRET: you are a rep with a thin pipeline who blames the market."


def wav_bytes(seconds: float = 2.0, rate: int = 8000) -> bytes:
    """A real PCM WAV file: a quiet 440 Hz tone, made with the standard library's `wave`."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * n / rate))) for n in range(int(seconds * rate))
        )
        writer.writeframes(frames)
    return out.getvalue()


def wav_upload(seconds: float = 2.0, name: str = "take.wav") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, wav_bytes(seconds), content_type="audio/wav")


# The start of a Matroska/WebM file (EBML header, DocType "webm"): what MediaRecorder writes first.
WEBM_HEAD = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701")


def webm_upload(name: str = "take.webm") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, WEBM_HEAD + b"\0" * 512, content_type="video/webm")


def conversation_exercise(module, *, peer_comments: bool = False, slug: str = "practice") -> Exercise:
    exercise = ExerciseFactory(module=module, kind=Exercise.Kind.CONVERSATION, slug=slug)
    exercise_services.conversation_details_save(
        exercise=exercise,
        details={
            "scenario": SCENARIO,
            "role_card": ROLE_CARD,
            "max_minutes": 10,
            "peer_comments": peer_comments,
            "rubric": [
                {"name": "Asks the miracle question", "description": "", "max_score": 4},
                {"name": "Lets the coachee find the answer", "description": "", "max_score": 4},
            ],
        },
    )
    return exercise


def cohort_of(course, users) -> Cohort:
    today = datetime.date.today()
    cohort = Cohort.objects.create(
        course=course,
        name="Spring",
        slug=f"spring-{Cohort.objects.count()}",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        enrollment_deadline=today,
        capacity=30,
    )
    for user in users:
        enrollment = user.enrollments.get(course=course)
        CohortMembership.objects.create(enrollment=enrollment, cohort=cohort)
    return cohort


def world(*, peer_comments: bool = False) -> SimpleNamespace:
    """A course with a trainer, a practice conversation, its participant, a peer in the same group,
    a participant of another group, and a trainer of another course."""
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    module = ModuleFactory(course=course)
    exercise = conversation_exercise(module, peer_comments=peer_comments)
    participant, peer, stranger = UserFactory(), UserFactory(), UserFactory()
    for user in (participant, peer, stranger):
        enrollment_create(user=user, course=course)
    cohort_of(course, [participant, peer])
    cohort_of(course, [stranger])
    other_trainer = TrainerFactory()
    CourseFactory(trainers=[other_trainer])
    return SimpleNamespace(
        trainer=trainer,
        course=course,
        module=module,
        exercise=exercise,
        participant=participant,
        peer=peer,
        stranger=stranger,
        other_trainer=other_trainer,
    )


def practice_take(user, exercise: Exercise, *, seconds: float = 2.0, send: bool = True):
    """A take by `user` with one self-review note, sent for review unless `send` is False."""
    recording = svc.recording_create(user=user, exercise=exercise, file=wav_upload(seconds))
    svc.comment_add(author=user, recording=recording, at_ms=500, text="Here I asked the miracle question.")
    if send:
        svc.recording_submit(user=user, recording=recording, text="Was my miracle question open enough?")
    return recording


def sent_take(w: SimpleNamespace, *, seconds: float = 2.0):
    """A take by the participant, self-reviewed and sent for review."""
    return practice_take(w.participant, w.exercise, seconds=seconds)


def session_queries() -> int:
    """The session read a page costs: none with cached_db sessions (Redis), one with db sessions."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


def practice_round_with_group(cohort: Cohort, users, *, exercise: Exercise | None = None, online: bool = False):
    """One practice group of `users` (seats in that order) in `cohort`, and its first round tomorrow."""
    triad = Triad.objects.create(cohort=cohort, number=Triad.objects.filter(cohort=cohort).count() + 1)
    for seat, user in enumerate(users):
        TriadMember.objects.create(triad=triad, cohort=cohort, user=user, seat=seat)
    start = timezone.now() + datetime.timedelta(days=1)
    return triad_services.practice_round_schedule(
        cohort=cohort, starts_at=start, ends_at=start + datetime.timedelta(hours=1), online=online, exercise=exercise
    )


def race(target, n: int) -> list:
    """Run `target(i)` in n threads released at the same moment; collect results or exceptions."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
