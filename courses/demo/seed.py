"""Demo data for `manage.py seed_demo`: users, and the courses loaded from their exchange files.

Every step is idempotent: it finds before it creates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings

from accounts.models import User
from accounts.services import user_create
from courses.learning.models import Course, Enrollment, Lesson, LessonProgress
from courses.learning.services import enrollment_create, lesson_complete
from courses.learning.translations import link_translation
from courses.studio.exchange import exchange_parse
from courses.studio.importing import course_import
from courses.studio.services import course_status_set

COURSES_DIR = Path(__file__).resolve().parent / "courses"
# Translations: courses/<language>/<slug of the original>.json, e.g. courses/nl/coaching-sales-professionals.json
# (tests point this at a temporary directory).
TRANSLATIONS_DIR = COURSES_DIR
DEMO_PASSWORD = "coach-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    full_name: str
    is_trainer: bool = False
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS = [
    DemoUser("participant", "participant@example.com", "Pat Participant"),
    DemoUser("trainer", "trainer@example.com", "Tessa Trainer", is_trainer=True),
    DemoUser("staff", "staff@example.com", "Sam Staff", is_staff=True, is_superuser=True),
]


def seed_users() -> dict[str, User]:
    users: dict[str, User] = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = user_create(
                email=demo.email,
                full_name=demo.full_name,
                password=DEMO_PASSWORD,
                is_trainer=demo.is_trainer,
                is_staff=demo.is_staff,
                is_superuser=demo.is_superuser,
            )
        else:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        users[demo.key] = user
    return users


def demo_course_files() -> list[Path]:
    """The demo master classes, one studio exchange file each (export from the studio, drop in)."""
    return sorted(COURSES_DIR.glob("*.json"))


def demo_course_data() -> list[dict]:
    """Every demo course file, parsed and fully checked by the studio's exchange format."""
    return [exchange_parse(path.read_bytes()) for path in demo_course_files()]


def seed_courses(users: dict[str, User]) -> dict[str, Course]:
    """Both master classes from courses/demo/courses/*.json through the studio's import in upsert
    mode, published, taught by the demo trainer; the demo participant enrolled in Coaching Sales
    Professionals with the first two lessons done.

    Idempotent: the import matches what exists (ids kept, only differences saved), so a second
    run writes nothing and participants' progress stays.
    """
    courses: dict[str, Course] = {}
    for data in demo_course_data():
        course = course_import(data=data, user=users.get("trainer"), upsert=True)
        if course.status != Course.Status.PUBLISHED:
            course = course_status_set(course=course, status=Course.Status.PUBLISHED)
        courses[course.slug] = course

    participant = users.get("participant")
    coaching = courses.get("coaching-sales-professionals")
    if participant is not None and coaching is not None:
        enrollment_create(user=participant, course=coaching, source=Enrollment.Source.SELF)
        first_two = Lesson.objects.filter(course=coaching).order_by("module__position", "position", "id")[:2]
        for lesson in first_two:
            if not LessonProgress.objects.filter(user=participant, lesson=lesson).exists():
                lesson_complete(user=participant, lesson=lesson)
    return courses


def demo_translation_files() -> list[tuple[str, Path]]:
    """(slug of the original, file) for every translation file: ``<language>/<original slug>.json``
    under `TRANSLATIONS_DIR`, for each language of the site; a missing directory has none."""
    files = []
    for code, _name in settings.LANGUAGES:
        files += [(path.stem, path) for path in sorted((TRANSLATIONS_DIR / code).glob("*.json"))]
    return files


def seed_translations(users: dict[str, User]) -> dict[str, Course]:
    """Each translation file through the same studio import (upsert), linked to the original
    whose slug is the file's name (lesson by lesson, refused when the structure differs), and
    published. A file whose original is not seeded is skipped. Idempotent like `seed_courses`:
    the link keeps each lesson's ``original_version``, so a second run writes nothing."""
    translations: dict[str, Course] = {}
    for original_slug, path in demo_translation_files():
        original = Course.objects.filter(slug=original_slug).first()
        if original is None:
            continue
        course = course_import(data=exchange_parse(path.read_bytes()), user=users.get("trainer"), upsert=True)
        course = link_translation(original=original, translation=course)
        if course.status != Course.Status.PUBLISHED:
            course = course_status_set(course=course, status=Course.Status.PUBLISHED)
        translations[course.slug] = course
    return translations
