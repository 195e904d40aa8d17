"""Writes for the trainer studio: authoring, ordering, publishing, copying and importing.

Editing a published course never deletes participant data: lessons and exercises are
updated in place (never deleted and re-created), and deleting a lesson or exercise that
participants have completed is refused (`ContentInUse`); the trainer can mark it optional
or move it instead. Archiving only changes the status: enrollments, progress and
certificates stay.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from courses.exercises.models import Option, Question, Quiz, QuizAttempt, Review, RubricCriterion
from courses.learning.models import Course, Exercise, Lesson, LessonAttachment, Module
from courses.learning.outline import outline_invalidate
from courses.learning.services import course_save, exercise_save, lesson_save, module_save
from courses.studio.kinds import kind_entry
from courses.studio.markdown import markdown_guard
from lms.richtext import markdown_render
from lms.uploads import served_content_type

MAX_ATTACHMENT_BYTES = getattr(settings, "STUDIO_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)

COURSE_FIELDS = ("title", "slug", "summary", "description", "outcomes", "language", "estimated_hours")
LESSON_FIELDS = ("title", "slug", "body", "estimated_minutes", "video_url", "free_preview", "required")


class EditConflict(Exception):
    """Someone saved the object after the editor loaded it; nothing was written."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


class ContentInUse(ValidationError):
    """Participants have progress on this content, so it is not deleted."""


# --- courses ---------------------------------------------------------------------------


@transaction.atomic
def course_create(*, user: User, title: str, slug: str, summary: str, **fields: Any) -> Course:
    """A new draft course taught by `user`."""
    course = Course(title=title, slug=slug, summary=summary, status=Course.Status.DRAFT, **fields)
    markdown_guard(course.description)
    course = course_save(course=course)
    course.trainers.add(user)
    return course


@transaction.atomic
def course_update(*, course: Course, expected_version: int, **fields: Any) -> Course:
    """Update course fields only if nobody saved since `expected_version` (conditional UPDATE)."""
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(course, key, value)
    markdown_guard(course.description)
    course.description_html = markdown_render(course.description)
    course.full_clean(exclude=["trainers", "cover_image"])
    updated = Course.objects.filter(pk=course.pk, version=expected_version).update(
        **fields, description_html=course.description_html, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise EditConflict(Course.objects.values_list("version", flat=True).get(pk=course.pk))
    outline_invalidate(course.pk)
    course.version = expected_version + 1
    return course


def course_publish_problems(*, course: Course) -> list[str]:
    """Everything that keeps a course from being published (empty: ready)."""
    problems: list[str] = []
    modules = list(course.modules.order_by("position", "id"))
    if not modules:
        problems.append(_("The course has no modules."))
    with_lessons = set(Lesson.objects.filter(course=course).values_list("module_id", flat=True))
    for module in modules:
        if module.pk not in with_lessons:
            problems.append(_("Module “%(title)s” has no lesson.") % {"title": module.title})
    for exercise in Exercise.objects.filter(course=course).order_by("module__position", "position", "id"):
        problems.extend(kind_entry(exercise.kind).validate(exercise))
    return problems


@transaction.atomic
def course_status_set(*, course: Course, status: str) -> Course:
    """Publish (after validation), unpublish to draft (only without participants), or archive.

    Nothing is deleted. Archived courses leave the catalog but stay readable for their
    participants (see `course_is_visible_to`), so access and certificates are kept.
    """
    course = Course.objects.select_for_update().get(pk=course.pk)
    if status not in Course.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    if status == Course.Status.PUBLISHED:
        problems = course_publish_problems(course=course)
        if problems:
            raise ValidationError(problems, code="not_ready")
        if course.published_at is None:
            course.published_at = timezone.now()
    if status == Course.Status.DRAFT and course.status != Course.Status.DRAFT and course.enrollments.exists():
        # A draft is hidden from participants: that would take their access away. Archive instead.
        raise ValidationError(
            _("Participants are enrolled, so the course cannot go back to draft. Archive it instead."),
            code="has_participants",
        )
    course.status = status
    course.version = course.version + 1
    course.save(update_fields=["status", "published_at", "version", "updated_at"])
    outline_invalidate(course.pk)
    return course


@transaction.atomic
def course_trainer_add(*, course: Course, user: User) -> None:
    course.trainers.add(user)


@transaction.atomic
def course_trainer_remove(*, course: Course, user: User) -> None:
    course.trainers.remove(user)


def _free_slug(slug: str) -> str:
    base = slugify(slug)[:90] or "course"
    taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@transaction.atomic
def course_import(*, data: dict, user: User | None, slug: str = "", title: str = "") -> Course:
    """Create a draft course from a checked exchange dict (see courses.studio.exchange).

    Runs in one transaction: any error rolls the whole import back.
    """
    from courses.studio.exchange import exchange_check

    problems = exchange_check(data)
    if problems:
        raise ValidationError(problems, code="invalid")
    fields = dict(data["course"])
    fields["slug"] = _free_slug(slug or fields["slug"])
    if title:
        fields["title"] = title
    course = course_save(course=Course(status=Course.Status.DRAFT, **fields))
    if user is not None:
        course.trainers.add(user)
    for m_pos, m_data in enumerate(data["modules"], start=1):
        module = module_save(
            module=Module(course=course, title=m_data["title"], summary=m_data["summary"], position=m_pos * 10)
        )
        for l_pos, l_data in enumerate(m_data["lessons"], start=1):
            lesson_save(lesson=Lesson(module=module, position=l_pos * 10, **l_data))
        for e_pos, e_data in enumerate(m_data["exercises"], start=1):
            details = e_data["details"]
            exercise = exercise_save(
                exercise=Exercise(
                    module=module, position=e_pos * 10, **{k: v for k, v in e_data.items() if k != "details"}
                )
            )
            kind_entry(exercise.kind).load(exercise, details)
    return course


@transaction.atomic
def course_duplicate(*, course: Course, slug: str, title: str) -> Course:
    """A draft copy of the content (no participants), taught by the same trainers."""
    from courses.studio.exchange import course_export_data

    copy = course_import(data=course_export_data(course=course), user=None, slug=slug, title=title)
    copy.trainers.set(course.trainers.all())
    return copy


# --- modules, lessons, exercises ---------------------------------------------------------


@transaction.atomic
def module_create(*, course: Course, title: str, summary: str = "") -> Module:
    last = course.modules.order_by("-position").values_list("position", flat=True).first() or 0
    return module_save(module=Module(course=course, title=title, summary=summary, position=last + 10))


@transaction.atomic
def module_update(*, module: Module, title: str, summary: str = "") -> Module:
    module.title, module.summary = title, summary
    return module_save(module=module)


@transaction.atomic
def module_delete(*, module: Module) -> None:
    for lesson in module.lessons.all():
        _refuse_if_lesson_in_use(lesson)
    for exercise in module.exercises.all():
        _refuse_if_exercise_in_use(exercise)
    module.delete()
    outline_invalidate(module.course_id)


@transaction.atomic
def lesson_create(*, module: Module, **fields: Any) -> Lesson:
    last = module.lessons.order_by("-position").values_list("position", flat=True).first() or 0
    lesson = Lesson(module=module, course_id=module.course_id, position=last + 10, **fields)
    markdown_guard(lesson.body)
    lesson.validate_constraints()  # slug unique in the course: a form error, not an IntegrityError
    return lesson_save(lesson=lesson)


@transaction.atomic
def lesson_update(*, lesson: Lesson, expected_version: int, **fields: Any) -> Lesson:
    """Save lesson fields only if nobody saved since `expected_version`.

    A conditional `UPDATE … WHERE version = expected` decides: when it touches no row the
    lesson changed under the editor, `EditConflict` is raised and nothing is written.
    The lesson is updated in place, so progress and submissions keep pointing at it.
    """
    unknown = set(fields) - set(LESSON_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(lesson, key, value)
    markdown_guard(lesson.body)
    lesson.body_html = markdown_render(lesson.body)
    lesson.full_clean()
    updated = Lesson.objects.filter(pk=lesson.pk, version=expected_version).update(
        **fields, body_html=lesson.body_html, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated != 1:
        raise EditConflict(Lesson.objects.values_list("version", flat=True).get(pk=lesson.pk))
    outline_invalidate(lesson.course_id)
    lesson.version = expected_version + 1
    return lesson


def _refuse_if_lesson_in_use(lesson: Lesson) -> None:
    n = lesson.progress.count()
    if n:
        raise ContentInUse(
            _(
                "“%(title)s” cannot be deleted: %(n)s participants have completed it. "
                "Mark it as not required or move it instead."
            )
            % {"title": lesson.title, "n": n},
            code="in_use",
        )


def _refuse_if_exercise_in_use(exercise: Exercise) -> None:
    if exercise.completions.exists() or kind_entry(exercise.kind).has_participant_data(exercise):
        raise ContentInUse(
            _("“%(title)s” cannot be deleted: participants have worked on it. Mark it as not required instead.")
            % {"title": exercise.title},
            code="in_use",
        )


@transaction.atomic
def lesson_delete(*, lesson: Lesson) -> None:
    _refuse_if_lesson_in_use(lesson)
    for attachment in lesson.attachments.all():
        attachment_delete(attachment=attachment)
    lesson.delete()
    outline_invalidate(lesson.course_id)


@transaction.atomic
def exercise_create(*, module: Module, **fields: Any) -> Exercise:
    last = module.exercises.order_by("-position").values_list("position", flat=True).first() or 0
    exercise = Exercise(module=module, course_id=module.course_id, position=last + 10, **fields)
    markdown_guard(exercise.instructions)
    exercise.validate_constraints()
    return exercise_save(exercise=exercise)


@transaction.atomic
def exercise_update(*, exercise: Exercise, forms: list | None = None, **fields: Any) -> Exercise:
    """Save the common fields and the kind's own editor forms (already validated) together."""
    fields.pop("kind", None)  # the kind never changes: its details would no longer fit
    for key, value in fields.items():
        setattr(exercise, key, value)
    markdown_guard(exercise.instructions)
    exercise.validate_constraints()
    exercise = exercise_save(exercise=exercise)
    for form in forms or []:
        form.save()
    return exercise


@transaction.atomic
def exercise_delete(*, exercise: Exercise) -> None:
    _refuse_if_exercise_in_use(exercise)
    exercise.delete()
    outline_invalidate(exercise.course_id)


@transaction.atomic
def item_move(*, item: Module | Lesson | Exercise, direction: str) -> bool:
    """Swap `item` with its neighbour ("up" or "down") among its siblings. False at an end.

    Siblings are locked and renumbered 10, 20, 30… first, so equal positions left by older
    data cannot make a swap a no-op.
    """
    model: type[Model] = type(item)
    if isinstance(item, Module):
        siblings_qs = Module.objects.filter(course_id=item.course_id)
    else:
        siblings_qs = model.objects.filter(module_id=item.module_id)
    siblings = list(siblings_qs.select_for_update().order_by("position", "id"))
    ids = [s.pk for s in siblings]
    if item.pk not in ids:
        return False
    i = ids.index(item.pk)
    j = i - 1 if direction == "up" else i + 1
    if direction not in {"up", "down"} or not 0 <= j < len(siblings):
        return False
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for n, sibling in enumerate(siblings, start=1):
        if sibling.position != n * 10:
            sibling.position = n * 10
            model.objects.filter(pk=sibling.pk).update(position=n * 10)
    outline_invalidate(item.course_id)
    return True


@transaction.atomic
def item_order_set(*, parent: Course | Module, model: type[Model], ids: list[int]) -> None:
    """Set the order of all modules of a course or lessons of a module (drag and drop)."""
    qs = Module.objects.filter(course=parent) if model is Module else model.objects.filter(module=parent)
    current = set(qs.select_for_update().values_list("pk", flat=True))
    if set(ids) != current or len(ids) != len(current):
        raise ValidationError(_("The order sent does not match the current items; reload the page."), code="order")
    for n, pk in enumerate(ids, start=1):
        qs.filter(pk=pk).update(position=n * 10)
    outline_invalidate(parent.pk if isinstance(parent, Course) else parent.course_id)


# --- attachments ---------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, lesson: Lesson, title: str, file: UploadedFile) -> LessonAttachment:
    """Store an upload under a random name in private storage (see LessonAttachment)."""
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB, at most %(max)s MB).")
            % {"size": round(file.size / 1048576, 1), "max": MAX_ATTACHMENT_BYTES // 1048576},
            code="too_large",
        )
    attachment = LessonAttachment(
        lesson=lesson,
        title=title or file.name[:200],
        file=file,
        original_name=(file.name or "")[:255],
        content_type=served_content_type(file),  # sniffed from the bytes, not the browser's word
        size=file.size,
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: LessonAttachment) -> None:
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- kind details: quiz questions and rubric criteria (edited in place) ---------------------------
#
# `courses.exercises.services.quiz_save` / `rubric_save` replace every row, which is right for a
# fresh exercise (import) but would orphan the question and option ids that stored attempts and
# reviews refer to. The studio editor therefore updates rows in place and refuses to remove a
# question, option or criterion once participants have answered or been reviewed.


def quiz_has_attempts(exercise: Exercise) -> bool:
    return QuizAttempt.objects.filter(exercise=exercise).exists()


def assignment_has_reviews(exercise: Exercise) -> bool:
    return Review.objects.filter(submission__exercise=exercise).exists()


@transaction.atomic
def quiz_settings_save(*, exercise: Exercise, pass_mark: int, max_attempts: int | None) -> Quiz:
    """Create or update the quiz row of a quiz exercise (pass mark, attempt limit)."""
    if exercise.kind != Exercise.Kind.QUIZ:
        raise ValidationError(_("This exercise is not a quiz."), code="wrong_kind")
    quiz, _created = Quiz.objects.get_or_create(exercise=exercise)
    quiz.pass_mark, quiz.max_attempts = pass_mark, max_attempts
    quiz.full_clean()
    quiz.save()
    return quiz


@transaction.atomic
def quiz_questions_save(*, exercise: Exercise, questions: list[dict]) -> None:
    """Apply the question editor: update, add and delete questions and their options in place.

    `questions`: [{"id": int|None, "delete": bool, "text", "multiple",
    "options": [{"id": int|None, "text", "correct", "explanation"}]}] in display order.
    An option without text is removed. Removing a question or option is refused once
    participants have attempted the quiz (their stored answers refer to it).
    """
    if exercise.kind != Exercise.Kind.QUIZ:
        raise ValidationError(_("This exercise is not a quiz."), code="wrong_kind")
    quiz, _created = Quiz.objects.select_for_update().get_or_create(exercise=exercise)
    existing = {q.pk: q for q in quiz.questions.prefetch_related("options")}
    attempted = quiz_has_attempts(exercise)
    kept_ids = {q["id"] for q in questions if q.get("id") and not q.get("delete")}
    unknown = {q["id"] for q in questions if q.get("id")} - set(existing)
    if unknown:
        raise ValidationError(_("Some questions no longer exist; reload the page."), code="stale")
    removed_questions = set(existing) - kept_ids
    removed_options: list[Option] = []
    for q in questions:
        if q.get("id") and not q.get("delete"):
            sent = {o["id"] for o in q["options"] if o.get("id") and o["text"].strip()}
            options = {o.pk for o in existing[q["id"]].options.all()}
            if {o["id"] for o in q["options"] if o.get("id")} - options:
                raise ValidationError(_("Some answer options no longer exist; reload the page."), code="stale")
            removed_options += [o for o in existing[q["id"]].options.all() if o.pk not in sent]
    if attempted and (removed_questions or removed_options):
        raise ValidationError(
            _(
                "Participants have already taken this quiz, so questions and answer options cannot be removed "
                "(their answers refer to them). Edit the wording instead, or mark the exercise as not required."
            ),
            code="in_use",
        )
    Question.objects.filter(pk__in=removed_questions).delete()
    Option.objects.filter(pk__in=[o.pk for o in removed_options]).delete()
    position = 0
    for q in questions:
        if q.get("delete"):
            continue
        position += 10
        question = existing.get(q.get("id")) or Question(quiz=quiz)
        question.text, question.multiple, question.position = q["text"], bool(q.get("multiple")), position
        question.full_clean()
        question.save()
        current = {o.pk: o for o in question.options.all()} if q.get("id") else {}
        o_pos = 0
        for o in q["options"]:
            if not o["text"].strip():
                continue
            o_pos += 10
            option = current.get(o.get("id")) or Option(question=question)
            option.text, option.is_correct = o["text"], bool(o.get("correct"))
            option.explanation, option.position = o.get("explanation", ""), o_pos
            option.full_clean()
            option.save()


@transaction.atomic
def rubric_criteria_save(*, exercise: Exercise, criteria: list[dict]) -> None:
    """Apply the rubric editor: update, add and delete criteria in place.

    `criteria`: [{"id": int|None, "delete": bool, "name", "description", "max_score", "position"}].
    Removing a criterion is refused once a submission of this assignment has been reviewed.
    """
    if exercise.kind != Exercise.Kind.ASSIGNMENT:
        raise ValidationError(_("This exercise is not a practice assignment."), code="wrong_kind")
    existing = {c.pk: c for c in RubricCriterion.objects.select_for_update().filter(exercise=exercise)}
    if {c["id"] for c in criteria if c.get("id")} - set(existing):
        raise ValidationError(_("Some rubric criteria no longer exist; reload the page."), code="stale")
    removed = set(existing) - {c["id"] for c in criteria if c.get("id") and not c.get("delete")}
    if removed and assignment_has_reviews(exercise):
        raise ValidationError(
            _("Submissions have already been reviewed against this rubric, so criteria cannot be removed."),
            code="in_use",
        )
    RubricCriterion.objects.filter(pk__in=removed).delete()
    for c in criteria:
        if c.get("delete"):
            continue
        row = existing.get(c.get("id")) or RubricCriterion(exercise=exercise)
        row.name, row.description = c["name"], c.get("description", "")
        row.max_score, row.position = c["max_score"], c["position"]
        row.full_clean()
        row.save()
