"""Demo data for `manage.py seed_demo`. Every step is idempotent: it finds before it creates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import user_create

if TYPE_CHECKING:
    from courses.learning.models import Course

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


def _changed(obj, values: dict) -> bool:
    """Set `values` on `obj`; True when anything differs (so re-running saves nothing)."""
    changed = obj._state.adding
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def seed_courses(users: dict[str, User]) -> dict[str, Course]:
    """Both master classes from `courses.demo.content.COURSES`, published, taught by the demo
    trainer; the demo participant enrolled in Coaching Sales Professionals with the first two
    lessons done. Courses, modules and lessons only: exercises are seeded by their own area.

    Idempotent: courses and lessons are found by slug, modules by position, and a row is saved
    only when its content changed.
    """
    from courses.demo.content import COURSES
    from courses.learning.models import Course, Enrollment, Lesson, LessonProgress, Module
    from courses.learning.services import course_save, enrollment_create, lesson_complete, lesson_save, module_save

    courses: dict[str, Course] = {}
    for spec in COURSES:
        course = Course.objects.filter(slug=spec["slug"]).first() or Course(slug=spec["slug"])
        values = {
            "title": spec["title"],
            "summary": spec["summary"],
            "description": spec.get("description", ""),
            "outcomes": "\n".join(spec.get("outcomes", [])),
            "language": spec.get("language", "en"),
            "estimated_hours": spec.get("estimated_hours", 1),
            "status": Course.Status.PUBLISHED,
        }
        if _changed(course, values):
            course_save(course=course)
        if "trainer" in users and not course.trainers.filter(pk=users["trainer"].pk).exists():
            course.trainers.add(users["trainer"])
        for m_index, m_spec in enumerate(spec["modules"], start=1):
            position = m_index * 10
            module = Module.objects.filter(course=course, position=position).first() or Module(
                course=course, position=position
            )
            if _changed(module, {"title": m_spec["title"], "summary": m_spec.get("summary", "")}):
                module_save(module=module)
            for l_index, l_spec in enumerate(m_spec["lessons"], start=1):
                lesson = Lesson.objects.filter(course=course, slug=l_spec["slug"]).first() or Lesson(
                    slug=l_spec["slug"]
                )
                lesson_values = {
                    "module_id": module.pk,
                    "title": l_spec["title"],
                    "body": l_spec["body"],
                    "estimated_minutes": l_spec.get("minutes", 10),
                    "free_preview": l_spec.get("free_preview", False),
                    "required": l_spec.get("required", True),
                    "video_url": l_spec.get("video_url", ""),
                    "position": l_index * 10,
                }
                if _changed(lesson, lesson_values):
                    lesson.module = module
                    lesson_save(lesson=lesson)
        courses[spec["slug"]] = course

    participant = users.get("participant")
    coaching = courses.get("coaching-sales-professionals")
    if participant is not None and coaching is not None:
        enrollment_create(user=participant, course=coaching, source=Enrollment.Source.SELF)
        first_two = Lesson.objects.filter(course=coaching).order_by("module__position", "position", "id")[:2]
        for lesson in first_two:
            if not LessonProgress.objects.filter(user=participant, lesson=lesson).exists():
                lesson_complete(user=participant, lesson=lesson)
    return courses
