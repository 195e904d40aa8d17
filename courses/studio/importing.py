"""The studio's import service: a checked exchange dict (`courses.studio.exchange`) becomes a course.

`course_import` has two modes that share one path:

- **create** (default; the import page and "duplicate"): a new draft course under a free slug.
- **upsert** (``upsert=True``; `seed_demo`): the course with the file's slug is created, or brought
  in line with the file in place. Modules are matched by position, lessons and exercises by slug,
  quiz questions, answer options and rubric criteria by position, so every matched row keeps its
  id, and participants' progress, attempts and submissions keep pointing at it. A row is saved
  only when it differs from the file, so running the same import twice writes nothing the second
  time. Lessons, exercises and modules missing from the file are deleted through the studio's
  delete services, which refuse (and so roll the whole import back) when participants have
  worked on them. An existing course keeps its status and trainers (the importing user is
  added); a version 1 file leaves its settings (delivery, reminders, certificates) as they are.

Everything runs in one transaction: any error rolls the whole import back.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.kinds import exercise_kind
from courses.exercises.models import Question, RubricCriterion
from courses.learning.models import Course, Exercise, Lesson, Module
from courses.learning.services import course_save, exercise_save, lesson_save, module_save
from courses.studio.exchange import course_export_data, exchange_check, exchange_course_keys
from courses.studio.services import (
    exercise_delete,
    lesson_delete,
    module_delete,
    quiz_questions_save,
    quiz_settings_save,
    rubric_criteria_save,
)


def _free_slug(slug: str) -> str:
    base = slugify(slug)[:90] or "course"
    taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _assign(obj: Model, values: dict[str, Any]) -> bool:
    """Set `values` on `obj`; True when it must be saved (new, or anything differs)."""
    changed = obj._state.adding
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def course_import(*, data: dict, user: User | None, slug: str = "", title: str = "", upsert: bool = False) -> Course:
    """Create a draft course from a checked exchange dict, or (``upsert=True``) create or update
    the course with that slug in place. See the module docstring for the matching rules."""
    problems = exchange_check(data)
    if problems:
        raise ValidationError(problems, code="invalid")
    fields = {key: data["course"][key] for key in exchange_course_keys(data["version"])}
    fields["title"] = title or fields["title"]
    fields["slug"] = slug or fields["slug"]
    course = Course.objects.filter(slug=fields["slug"]).first() if upsert else None
    if course is None:
        course = Course(status=Course.Status.DRAFT)
        if not upsert:
            fields["slug"] = _free_slug(fields["slug"])
    if _assign(course, fields):
        if course.pk is not None:
            course.version += 1  # so an open studio editor notices
        course_save(course=course)
    if user is not None:
        course.trainers.add(user)
    _modules_apply(course, data["modules"])
    return course


def _modules_apply(course: Course, modules_data: list[dict]) -> None:
    modules = list(course.modules.order_by("position", "id"))
    lessons = {lesson.slug: lesson for lesson in course.lessons.all()}
    exercises = {exercise.slug: exercise for exercise in course.exercises.all()}
    kept_lessons: set[int] = set()
    kept_exercises: set[int] = set()
    for m_pos, m_data in enumerate(modules_data, start=1):
        module = modules[m_pos - 1] if m_pos <= len(modules) else Module(course=course)
        if _assign(module, {"title": m_data["title"], "summary": m_data["summary"], "position": m_pos * 10}):
            module_save(module=module)
        for l_pos, l_data in enumerate(m_data["lessons"], start=1):
            lesson = lessons.get(l_data["slug"]) or Lesson()
            if _assign(lesson, {**l_data, "module_id": module.pk, "position": l_pos * 10}):
                lesson.module = module
                lesson_save(lesson=lesson)
            kept_lessons.add(lesson.pk)
        for e_pos, e_data in enumerate(m_data["exercises"], start=1):
            exercise = _exercise_apply(exercises.get(e_data["slug"]), module, e_data, e_pos * 10)
            kept_exercises.add(exercise.pk)
    # What the file no longer has; the delete services refuse content participants worked on.
    for exercise in exercises.values():
        if exercise.pk not in kept_exercises:
            exercise_delete(exercise=exercise)
    for lesson in lessons.values():
        if lesson.pk not in kept_lessons:
            lesson_delete(lesson=lesson)
    for module in modules[len(modules_data) :]:
        module_delete(module=module)


def _exercise_apply(exercise: Exercise | None, module: Module, e_data: dict, position: int) -> Exercise:
    details = e_data["details"]
    common = {k: v for k, v in e_data.items() if k != "details"}
    if exercise is None:
        exercise = exercise_save(exercise=Exercise(module=module, position=position, **common))
        exercise_kind(exercise.kind).save(exercise=exercise, details=details)
        return exercise
    if exercise.kind != e_data["kind"]:
        raise ValidationError(
            _("Exercise “%(slug)s” is a %(kind)s here; an import cannot change its kind. Give it a new slug.")
            % {"slug": exercise.slug, "kind": exercise.get_kind_display()},
            code="kind_changed",
        )
    if _assign(exercise, common | {"module_id": module.pk, "position": position}):
        exercise.module = module
        exercise_save(exercise=exercise)
    _details_update(exercise, details)
    return exercise


def _details_update(exercise: Exercise, details: dict) -> None:
    """Bring an existing exercise's kind data in line with `details`, keeping row ids."""
    entry = exercise_kind(exercise.kind)
    if not details or entry.export(exercise) == details:
        return
    if exercise.kind == Exercise.Kind.QUIZ:
        _quiz_update(exercise, details)
    elif exercise.kind == Exercise.Kind.ASSIGNMENT:
        _rubric_update(exercise, details)
    elif entry.has_participant_data(exercise):
        raise ValidationError(
            _("“%(title)s” has participants' answers, so an import cannot replace its details.")
            % {"title": exercise.title},
            code="in_use",
        )
    else:
        entry.save(exercise=exercise, details=details)


def _at(rows: list, index: int) -> int | None:
    return rows[index].pk if index < len(rows) else None


def _quiz_update(exercise: Exercise, details: dict) -> None:
    """Questions and options by position, through the quiz editor's service (it refuses to remove
    a question or option participants have answered)."""
    quiz_settings_save(
        exercise=exercise,
        pass_mark=details["pass_mark"],
        max_attempts=details["max_attempts"],
        reveal_answers=details.get("reveal_answers"),  # absent in older files: keep the quiz's setting
    )
    existing = list(Question.objects.filter(quiz__exercise=exercise).prefetch_related("options"))
    questions = []
    for i, q in enumerate(details["questions"]):
        options = list(existing[i].options.all()) if i < len(existing) else []
        questions.append(
            {
                "id": _at(existing, i),
                "text": q["text"],
                "multiple": q["multiple"],
                "options": [{"id": _at(options, j), **o} for j, o in enumerate(q["options"])],
            }
        )
    quiz_questions_save(exercise=exercise, questions=questions)


def _rubric_update(exercise: Exercise, details: dict) -> None:
    existing = list(RubricCriterion.objects.filter(exercise=exercise).order_by("position", "id"))
    criteria = [{"id": _at(existing, i), **c, "position": (i + 1) * 10} for i, c in enumerate(details["rubric"])]
    rubric_criteria_save(exercise=exercise, criteria=criteria)


@transaction.atomic
def course_duplicate(*, course: Course, slug: str, title: str) -> Course:
    """A draft copy of the content (no participants), taught by the same trainers."""
    copy = course_import(data=course_export_data(course=course), user=None, slug=slug, title=title)
    copy.trainers.set(course.trainers.all())
    return copy
