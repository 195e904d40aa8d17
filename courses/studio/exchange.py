"""Course exchange: one JSON file with a course's structure and content.

Format (version 2)::

    {"format": "mc-course", "version": 2,
     "course": {"title", "slug", "summary", "description", "outcomes", "language", "estimated_hours",
                "delivery", "required_attendance", "nudge_days_first", "nudge_days_second",
                "certificate_validity_months"},
     "modules": [{"title", "summary",
                  "lessons": [{"title", "slug", "body", "estimated_minutes", "video_url",
                               "free_preview", "required"}],
                  "exercises": [{"kind", "title", "slug", "instructions", "required",
                                 "details": {...from the kind registry...}}]}]}

The kinds' ``"details"`` (courses/exercises/details.py) are the same in versions 1 and 2 (the
details were always the registry's own object, so older readers and files stay compatible)::

    quiz:        {"pass_mark": 1-100, "max_attempts": int or null,
                  "reveal_answers": "after_pass" | "always" | "never" (optional; added later,
                  absent means the default for a new quiz and no change for an existing one),
                  "questions": [{"text", "multiple": bool,
                                 "options": [{"text", "correct": bool, "explanation"}]}]}
    assignment:  {"rubric": [{"name", "description", "max_score": 1-100}]}
    conversation: {"scenario", "role_card", "max_minutes": 1-60, "peer_comments": bool,
                   "rubric": [...as for an assignment]}
    reflection, plan, practice_log: {}  (their prompt is "instructions")

A quiz or assignment with ``{}`` (files from before these kinds were registered) imports
without questions or rubric, and publishing then lists it.

Version 2 added the course settings from "delivery" on (version 1 has only the keys up to
"estimated_hours"). A version 1 file is still read: a new course gets the default settings,
and an upsert (`course_import(upsert=True)`) leaves an existing course's settings as they are.
`certificate_template` is not exchanged: it is Django template HTML that only staff edit (admin).

Order in the lists is the order in the course. Not exported: participants, progress,
trainers, status, attachments (files) and the cover image. Every key is required and no
other key is allowed, so a typo is refused instead of silently ignored. `exchange_check`
validates the whole file before `courses.studio.importing.course_import` writes anything,
and the import runs in one transaction.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from courses.exercises.kinds import exercise_kind
from courses.learning.models import Course, Exercise
from courses.studio.markdown import markdown_guard
from lms.parsing import parse_json
from lms.richtext import validate_video_url

FORMAT = "mc-course"
VERSION = 2
MAX_IMPORT_BYTES = settings.STUDIO_MAX_IMPORT_BYTES
MAX_ITEMS = 500

COURSE_KEYS = {
    "title": str,
    "slug": str,
    "summary": str,
    "description": str,
    "outcomes": str,
    "language": str,
    "estimated_hours": int,
}
# Added in version 2: how the course runs, reminders and certificates.
COURSE_SETTINGS_KEYS = {
    "delivery": str,
    "required_attendance": int,
    "nudge_days_first": int,
    "nudge_days_second": int,
    "certificate_validity_months": (int, type(None)),
}
MODULE_KEYS = {"title": str, "summary": str, "lessons": list, "exercises": list}
LESSON_KEYS = {
    "title": str,
    "slug": str,
    "body": str,
    "estimated_minutes": int,
    "video_url": str,
    "free_preview": bool,
    "required": bool,
}
EXERCISE_KEYS = {"kind": str, "title": str, "slug": str, "instructions": str, "required": bool, "details": dict}


def course_export_data(*, course: Course) -> dict:
    """The exchange dict for a course (four queries plus the kinds' own)."""
    modules = list(course.modules.order_by("position", "id"))
    lessons = list(course.lessons.order_by("position", "id"))
    exercises = list(course.exercises.order_by("position", "id"))
    by_module_l: dict[int, list] = {}
    for lesson in lessons:
        by_module_l.setdefault(lesson.module_id, []).append(lesson)
    by_module_e: dict[int, list] = {}
    for exercise in exercises:
        by_module_e.setdefault(exercise.module_id, []).append(exercise)
    return {
        "format": FORMAT,
        "version": VERSION,
        "course": {key: getattr(course, key) for key in (*COURSE_KEYS, *COURSE_SETTINGS_KEYS)},
        "modules": [
            {
                "title": m.title,
                "summary": m.summary,
                "lessons": [{key: getattr(lesson, key) for key in LESSON_KEYS} for lesson in by_module_l.get(m.pk, [])],
                "exercises": [
                    {
                        **{key: getattr(ex, key) for key in EXERCISE_KEYS if key != "details"},
                        "details": exercise_kind(ex.kind).export(ex),
                    }
                    for ex in by_module_e.get(m.pk, [])
                ],
            }
            for m in modules
        ],
    }


def exchange_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def exchange_course_keys(version: int) -> dict:
    """The "course" keys (and their types) a file of `version` has."""
    return COURSE_KEYS | (COURSE_SETTINGS_KEYS if version >= 2 else {})


def exchange_parse(raw: bytes) -> dict:
    """Bytes of an uploaded file -> a fully checked exchange dict, or ValidationError listing every problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s bytes, at most %(max)s).")
            % {"size": f"{len(raw):,}", "max": f"{MAX_IMPORT_BYTES:,}"},
            code="too_large",
        )
    try:
        data = parse_json(raw)
    except ValueError as exc:
        raise ValidationError(_("The file is not valid JSON: %(error)s") % {"error": exc}, code="invalid_json") from exc
    if _has_nul(data):
        raise ValidationError(_("The file contains NUL characters, which a course cannot hold."), code="nul")
    problems = exchange_check(data)
    if problems:
        raise ValidationError(problems, code="invalid")
    return data


def _has_nul(value: Any) -> bool:
    """Whether any key or string in the parsed document holds a NUL (PostgreSQL refuses them)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _check_keys(obj: Any, spec: dict, where: str, problems: list[str]) -> bool:
    if not isinstance(obj, dict):
        problems.append(_("%(where)s must be an object.") % {"where": where})
        return False
    unknown = sorted(set(obj) - set(spec))
    missing = sorted(set(spec) - set(obj))
    if unknown:
        problems.append(_("%(where)s: unknown keys %(keys)s.") % {"where": where, "keys": ", ".join(unknown)})
    if missing:
        problems.append(_("%(where)s: missing keys %(keys)s.") % {"where": where, "keys": ", ".join(missing)})
    ok = not unknown and not missing
    for key, typ in spec.items():
        if key not in obj:
            continue
        value = obj[key]
        types = typ if isinstance(typ, tuple) else (typ,)
        # bool is an int in Python; do not accept true as a number.
        if not isinstance(value, types) or (int in types and isinstance(value, bool)):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            problems.append(
                _("%(where)s.%(key)s must be of type %(type)s.") % {"where": where, "key": key, "type": names}
            )
            ok = False
    return ok


def _check_text(value: str, where: str, problems: list[str], *, max_length: int | None = None) -> None:
    if max_length is not None and len(value) > max_length:
        problems.append(_("%(where)s is longer than %(max)s characters.") % {"where": where, "max": max_length})


def _check_markdown(value: str, where: str, problems: list[str]) -> None:
    try:
        markdown_guard(value)
    except ValidationError as exc:
        problems.extend(f"{where}: {m}" for m in exc.messages)


def _check_course_settings(course: dict, problems: list[str]) -> None:
    if course["delivery"] not in Course.Delivery.values:
        problems.append(_("course.delivery “%(value)s” is unknown.") % {"value": course["delivery"]})
    for key in ("required_attendance", "nudge_days_first", "nudge_days_second", "certificate_validity_months"):
        if course[key] is not None and not 0 <= course[key] <= 32767:
            problems.append(_("course.%(key)s is out of range.") % {"key": key})


def _check_course(course: Any, version: int, problems: list[str]) -> None:
    if not _check_keys(course, exchange_course_keys(version), "course", problems):
        return
    if not course["title"].strip():
        problems.append(_("course.title must not be empty."))
    _check_text(course["title"], "course.title", problems, max_length=200)
    _check_text(course["summary"], "course.summary", problems, max_length=400)
    _check_markdown(course["description"], "course.description", problems)
    if course["language"] not in dict(settings.LANGUAGES):
        problems.append(_("course.language “%(value)s” is not offered.") % {"value": course["language"]})
    if not 0 <= course["estimated_hours"] <= 32767:
        problems.append(_("course.estimated_hours is out of range."))
    if version >= 2:
        _check_course_settings(course, problems)


def exchange_check(data: Any) -> list[str]:
    """Every problem in an exchange dict, as readable sentences (empty when importable)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return [_("The file must contain one JSON object.")]
    if data.get("format") != FORMAT:
        return [_("This is not a course export (format must be “%(format)s”).") % {"format": FORMAT}]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [_("The file has no valid format version.")]
    if version > VERSION:
        return [
            _("The file comes from a newer version of the studio (format %(found)s; this site reads up to %(max)s).")
            % {"found": version, "max": VERSION}
        ]
    if not _check_keys(data, {"format": str, "version": int, "course": dict, "modules": list}, "file", problems):
        return problems
    _check_course(data["course"], version, problems)
    total = 0
    lesson_slugs: set[str] = set()
    exercise_slugs: set[str] = set()
    for i, module in enumerate(data["modules"]):
        where = f"modules[{i}]"
        if not _check_keys(module, MODULE_KEYS, where, problems):
            continue
        _check_text(module["title"], f"{where}.title", problems, max_length=200)
        _check_text(module["summary"], f"{where}.summary", problems, max_length=400)
        for j, lesson in enumerate(module["lessons"]):
            total += 1
            lw = f"{where}.lessons[{j}]"
            if not _check_keys(lesson, LESSON_KEYS, lw, problems):
                continue
            _check_text(lesson["title"], f"{lw}.title", problems, max_length=200)
            _check_text(lesson["slug"], f"{lw}.slug", problems, max_length=100)
            if lesson["slug"] in lesson_slugs:
                problems.append(_("%(where)s.slug “%(slug)s” is used twice.") % {"where": lw, "slug": lesson["slug"]})
            lesson_slugs.add(lesson["slug"])
            _check_markdown(lesson["body"], f"{lw}.body", problems)
            try:
                validate_video_url(lesson["video_url"])
            except ValidationError as exc:
                problems.extend(f"{lw}.video_url: {m}" for m in exc.messages)
        for j, exercise in enumerate(module["exercises"]):
            total += 1
            ew = f"{where}.exercises[{j}]"
            if not _check_keys(exercise, EXERCISE_KEYS, ew, problems):
                continue
            if exercise["kind"] not in Exercise.Kind.values:
                problems.append(_("%(where)s.kind “%(kind)s” is unknown.") % {"where": ew, "kind": exercise["kind"]})
                continue
            _check_text(exercise["title"], f"{ew}.title", problems, max_length=200)
            _check_text(exercise["slug"], f"{ew}.slug", problems, max_length=100)
            if exercise["slug"] in exercise_slugs:
                problems.append(_("%(where)s.slug “%(slug)s” is used twice.") % {"where": ew, "slug": exercise["slug"]})
            exercise_slugs.add(exercise["slug"])
            _check_markdown(exercise["instructions"], f"{ew}.instructions", problems)
            problems.extend(f"{ew}.details: {m}" for m in exercise_kind(exercise["kind"]).check(exercise["details"]))
    if total > MAX_ITEMS:
        problems.append(_("The course has more than %(max)s lessons and exercises.") % {"max": MAX_ITEMS})
    return problems
