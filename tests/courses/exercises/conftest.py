"""Builders shared by the exercises tests (tests/courses/test_exercises_*.py)."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from courses.exercises import services as svc
from courses.learning.services import enrollment_create
from courses.models import Exercise, Option
from tests.factories import CourseFactory, ExerciseFactory, LessonFactory, ModuleFactory, TrainerFactory, UserFactory

QUESTIONS = [
    {
        "text": "Which reply coaches?",
        "multiple": False,
        "options": [
            {"text": "What did you notice?", "correct": True, "explanation": "EXPLAIN-OPEN-QUESTION"},
            {"text": "Send the agenda ahead.", "correct": False, "explanation": "EXPLAIN-ADVICE"},
        ],
    },
    {
        "text": "Which are risks of unasked advice?",
        "multiple": True,
        "options": [
            {"text": "Polite agreement.", "correct": True, "explanation": "EXPLAIN-AGREE"},
            {"text": "Dependency.", "correct": True, "explanation": "EXPLAIN-DEPEND"},
            {"text": "More ownership.", "correct": False, "explanation": "EXPLAIN-OWNERSHIP"},
        ],
    },
]


def world(*, required: bool = True, max_attempts: int | None = 3, with_lesson: bool = False) -> SimpleNamespace:
    """A course with a trainer, an enrolled participant and one exercise of each main kind."""
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    module = ModuleFactory(course=course)
    quiz = ExerciseFactory(module=module, kind=Exercise.Kind.QUIZ, slug="quiz", required=required)
    svc.quiz_save(exercise=quiz, pass_mark=50, max_attempts=max_attempts, questions=QUESTIONS)
    reflection = ExerciseFactory(module=module, kind=Exercise.Kind.REFLECTION, slug="reflection", required=required)
    assignment = ExerciseFactory(module=module, kind=Exercise.Kind.ASSIGNMENT, slug="assignment", required=required)
    svc.rubric_save(
        exercise=assignment,
        criteria=[{"name": "Open question", "max_score": 4}, {"name": "Follow-ups", "max_score": 3}],
    )
    plan = ExerciseFactory(module=module, kind=Exercise.Kind.PLAN, slug="plan", required=False)
    lesson = LessonFactory(module=module) if with_lesson else None
    participant = UserFactory()
    enrollment, _ = enrollment_create(user=participant, course=course)
    return SimpleNamespace(
        trainer=trainer,
        course=course,
        module=module,
        quiz=quiz,
        reflection=reflection,
        assignment=assignment,
        plan=plan,
        lesson=lesson,
        participant=participant,
        enrollment=enrollment,
    )


def quiz_answers(exercise: Exercise, *, right: int) -> dict[str, list[int]]:
    """Answers with the first `right` questions correct and the others wrong."""
    answers = {}
    for i, question in enumerate(exercise.quiz.questions.order_by("position")):
        options = list(question.options.order_by("position"))
        if i < right:
            answers[str(question.pk)] = [o.pk for o in options if o.is_correct]
        else:
            answers[str(question.pk)] = [next(o.pk for o in options if not o.is_correct)]
    return answers


def option_ids(exercise: Exercise) -> set[int]:
    return set(Option.objects.filter(question__quiz__exercise=exercise).values_list("pk", flat=True))


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAMPLES = {
    "pdf": ("work.pdf", PDF, "application/pdf"),
    "docx": ("work.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "png": ("work.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png"),
    "jpeg": ("work.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
    "mp3": ("talk.mp3", b"ID3\x03\x00" + b"\x00" * 32, "audio/mpeg"),
    "mp3-sync": ("talk.mp3", b"\xff\xfb\x90\x64" + b"\x00" * 32, "audio/mpeg"),
    "m4a": ("talk.m4a", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 32, "audio/mp4"),
    "ogg": ("talk.ogg", b"OggS\x00\x02" + b"\x00" * 32, "audio/ogg"),
    "wav": ("talk.wav", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32, "audio/wav"),
    # A WebM file names its doctype in its EBML header (a bare EBML magic is any Matroska file).
    "webm": ("talk.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 32, "audio/webm"),
}


def sample(kind: str) -> SimpleUploadedFile:
    name, content, content_type = SAMPLES[kind]
    return upload(name, content if content is not None else docx_bytes(), content_type)


def session_queries() -> int:
    """The session read a page costs: none with cached_db sessions (Redis), one with db sessions."""
    from django.conf import settings

    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
