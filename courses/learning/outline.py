"""The cached structure of a course's outline: modules, lessons and exercises as plain data,
with their page URLs worked out once; and the lesson page's lesson, under the same generation.

The structure is the same for every participant (ticks, progress and module locks are added
per request by `learner_outline` and `module_release_state`), so it is cached in Django's cache
(locmem in development, Redis when `REDIS_URL` is set) under the course id and a *generation*
token. Every content write (courses/learning/services.py, courses/studio/services.py) calls
`outline_invalidate(course_id)` (lesson attachments included: the lesson page lists them from
here), which replaces the token: the next page view misses and
rebuilds. The token is replaced at once (so the writer's next page already shows the edit) and
again after the transaction commits (so a page rendered concurrently from not-yet-committed
data is never served under the new token).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from courses.learning.models import Course, Exercise, Lesson, LessonAttachment
from lms.cache import request_memo, versioned_get, versioned_set

OUTLINE_TIMEOUT = 24 * 3600  # seconds; edits invalidate at once, this only bounds memory use
_GENERATION_KEY = "course-outline-gen:{course_id}"
_OUTLINE_KEY = "course-outline:v2:{course_id}:{created}:{generation}"
_LESSON_KEY = "course-lesson:v1:{course_id}:{created}:{generation}:"  # + the lesson's slug
_COURSE_IDS_KEY = "course-ids:v1:{slug}"  # -> (id, creation time) of the course with this slug


@dataclass
class OutlineAttachment:
    """A lesson's download, as its page lists it (the file is served by an access-checked view)."""

    pk: int
    title: str
    size: int


@dataclass
class OutlineLesson:
    """What the outline (and the lesson page's download list) needs of a lesson: a plain, picklable copy."""

    pk: int
    module_id: int
    title: str
    slug: str
    position: int
    estimated_minutes: int
    free_preview: bool
    required: bool
    url: str
    attachments: list[OutlineAttachment] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.pk

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class OutlineExercise:
    """What the outline needs of an exercise; `url` is "" when its page does not exist."""

    pk: int
    module_id: int
    title: str
    slug: str
    kind: str
    position: int
    required: bool
    url: str

    @property
    def id(self) -> int:
        return self.pk

    def get_kind_display(self) -> str:
        # Translated per request (the cached structure is language-neutral).
        return str(Exercise.Kind(self.kind).label) if self.kind in Exercise.Kind.values else self.kind

    def get_absolute_url(self) -> str:
        if not self.url:
            raise NoReverseMatch(f"No page for exercise {self.slug}")
        return self.url


@dataclass
class OutlineModule:
    """A module with its lessons and exercises in position order. `outline_items` and
    `release_state` are set per request on the (unpickled, so private) copy."""

    pk: int
    title: str
    summary: str
    position: int
    lessons: list[OutlineLesson] = field(default_factory=list)
    exercises: list[OutlineExercise] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.pk


def _generation(course_id: int) -> str:
    """The course's current generation token: read from the shared cache once per request (a
    page asks up to three times), and on every call outside a request."""
    key = _GENERATION_KEY.format(course_id=course_id)
    memo = request_memo()
    if memo is not None and key in memo:
        return memo[key]
    generation = cache.get(key)
    if generation is None:
        # Missing (first use, or evicted): start a fresh token, so nothing cached under an
        # older one can be served.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        generation = cache.get(key) or "none"
    if memo is not None:
        memo[key] = generation
    return generation


def _bump(course_id: int) -> None:
    key, generation = _GENERATION_KEY.format(course_id=course_id), uuid.uuid4().hex
    cache.set(key, generation, timeout=None)
    memo = request_memo()
    if memo is not None:  # the writer's own request reads its write from here on
        memo[key] = generation


def outline_invalidate(course_id: int | None) -> None:
    """Forget the cached outline of a course: call after every write to its course row, modules,
    lessons or exercises (titles, slugs, order, flags, additions and deletions)."""
    if course_id is None:
        return
    _bump(course_id)
    transaction.on_commit(lambda: _bump(course_id))


def _url(name: str, **kwargs: str) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _outline_build(course: Course) -> list[OutlineModule]:
    """Read the outline from the database (four queries: modules, lessons, their attachments, exercises)."""
    modules = course.modules.order_by("position", "id").prefetch_related(
        Prefetch(
            "lessons",
            queryset=Lesson.objects.order_by("position", "id").only(
                "id", "module_id", "title", "slug", "position", "estimated_minutes", "free_preview", "required"
            ),
        ),
        Prefetch(
            "lessons__attachments",
            queryset=LessonAttachment.objects.order_by("id").only("id", "lesson_id", "title", "size"),
        ),
        Prefetch(
            "exercises",
            queryset=Exercise.objects.order_by("position", "id").only(
                "id", "module_id", "title", "slug", "kind", "position", "required"
            ),
        ),
    )
    result = []
    for module in modules:
        result.append(
            OutlineModule(
                pk=module.pk,
                title=module.title,
                summary=module.summary,
                position=module.position,
                lessons=[
                    OutlineLesson(
                        pk=lesson.pk,
                        module_id=lesson.module_id,
                        title=lesson.title,
                        slug=lesson.slug,
                        position=lesson.position,
                        estimated_minutes=lesson.estimated_minutes,
                        free_preview=lesson.free_preview,
                        required=lesson.required,
                        url=_url("courses:lesson_detail", course_slug=course.slug, lesson_slug=lesson.slug),
                        attachments=[OutlineAttachment(a.pk, a.title, a.size) for a in lesson.attachments.all()],
                    )
                    for lesson in module.lessons.all()
                ],
                exercises=[
                    OutlineExercise(
                        pk=exercise.pk,
                        module_id=exercise.module_id,
                        title=exercise.title,
                        slug=exercise.slug,
                        kind=exercise.kind,
                        position=exercise.position,
                        required=exercise.required,
                        url=_url("courses:exercise_detail", course_slug=course.slug, exercise_slug=exercise.slug),
                    )
                    for exercise in module.exercises.all()
                ],
            )
        )
    return result


def _created(course: Course) -> int:
    # The creation time guards against another database reusing the id (tests, bench runs).
    return int(course.created_at.timestamp() * 1_000_000) if course.created_at else 0


def outline_key(*, course: Course) -> str:
    """The cache key of the course's outline as it is now: it changes with every content write."""
    return _OUTLINE_KEY.format(course_id=course.pk, created=_created(course), generation=_generation(course.pk))


_course_ids: dict[str, tuple[int, int]] = {}  # course slug -> (id, creation time), a hint (see below)


def _course_ids_remember(slug: str, ids: tuple[int, int]) -> None:
    if len(_course_ids) > 10_000:  # bounds memory; courses are counted in tens
        _course_ids.clear()
    _course_ids[slug] = ids


def lesson_by_slugs(*, course_slug: str, lesson_slug: str) -> Lesson | None:
    """The lesson with its course and module (`select_related`), or None.

    From the cache when warm (no query), under the course's outline generation, so every write
    that invalidates the outline (course row, modules, lessons) also retires this copy. The
    course slug leads to the course's id through a small map; a stale map (a renamed slug) only
    makes a miss. On a miss, one query, then both are cached. Measured for issue 18: the query
    cost 2.5 ms of the lesson page's CPU, most of it Django compiling the two joins. The map is
    kept in this process too (saving a round trip to Redis per page), for the same reason: a
    stale entry only makes a miss, and the miss puts the right one in its place.
    """
    ids = _course_ids.get(course_slug) or cache.get(_COURSE_IDS_KEY.format(slug=course_slug))
    if ids is not None:
        _course_ids_remember(course_slug, ids)
        course_id, created = ids
        key = _LESSON_KEY.format(course_id=course_id, created=created, generation=_generation(course_id))
        lesson = versioned_get(key + lesson_slug)
        if lesson is not None and lesson.course.slug == course_slug and lesson.slug == lesson_slug:
            return lesson
    lesson = (
        Lesson.objects.select_related("course", "module").filter(course__slug=course_slug, slug=lesson_slug).first()
    )
    if lesson is not None:
        course = lesson.course
        cache.set(_COURSE_IDS_KEY.format(slug=course_slug), (course.pk, _created(course)), timeout=OUTLINE_TIMEOUT)
        _course_ids_remember(course_slug, (course.pk, _created(course)))
        key = _LESSON_KEY.format(course_id=course.pk, created=_created(course), generation=_generation(course.pk))
        versioned_set(key + lesson_slug, lesson, timeout=OUTLINE_TIMEOUT)
    return lesson


def outline_structure(*, course: Course, key: str | None = None) -> list[OutlineModule]:
    """The course's modules with lessons (and their attachments) and exercises, from the cache
    (no query when warm; four on a miss). Each call returns its own copy, safe to annotate per
    request. `key`: from `outline_key`, when the caller needs it too."""
    key = key or outline_key(course=course)
    cached = versioned_get(key)
    if cached is not None and cached[0] == course.slug:
        return cached[1]
    modules = _outline_build(course)
    versioned_set(key, (course.slug, modules), timeout=OUTLINE_TIMEOUT)
    return modules


# --- One participant's view of the outline (built by selectors.learner_outline) ---------------


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        if self.total == 0:
            return 0
        return min(100, round(100 * self.done / self.total))


@dataclass
class OutlineItem:
    """One step of a course: a lesson or an exercise, in outline order."""

    kind: str  # "lesson" or "exercise"
    obj: OutlineLesson | OutlineExercise
    module: OutlineModule
    done: bool = False
    locked: bool = False  # a visitor reading a free preview may not open it: shown, never linked

    @property
    def is_lesson(self) -> bool:
        return self.kind == "lesson"


@dataclass
class LearnerOutline:
    """A course's outline as one participant sees it: items, ticks, progress and length."""

    modules: list[OutlineModule]
    items: list[OutlineItem]
    progress: Progress
    total_minutes: int
    lesson_count: int
    module_items: dict[int, list[OutlineItem]] = field(default_factory=dict)
    # Everything the outline's HTML depends on besides the language and the current item: the
    # course content (the cache key of its structure), the ticks and the locks. Pages cache the
    # rendered outline under it, so participants at the same point share one fragment.
    fingerprint: str = ""

    def neighbours(
        self, obj: Lesson | Exercise | OutlineLesson | OutlineExercise
    ) -> tuple[OutlineItem | None, OutlineItem | None]:
        kind = "lesson" if isinstance(obj, Lesson | OutlineLesson) else "exercise"
        for i, item in enumerate(self.items):
            if item.kind == kind and item.obj.pk == obj.pk:
                prev = self.items[i - 1] if i > 0 else None
                nxt = self.items[i + 1] if i + 1 < len(self.items) else None
                return prev, nxt
        return None, None

    def first_unfinished(self) -> OutlineItem | None:
        return next((item for item in self.items if not item.done), None)
