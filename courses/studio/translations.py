"""The studio's translation service: a linked copy of a course, for translating (issue 15).

The copy goes through the same export and import as "duplicate" (`courses.studio.importing`),
so it has exactly the original's structure; `courses.learning.translations.link_translation`
then links it, lesson by lesson and exercise by exercise, to the original.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from courses.learning.models import Course
from courses.learning.translations import lessons_outdated, link_translation
from courses.studio.exchange import course_export_data
from courses.studio.importing import course_import


def translation_languages(*, course: Course) -> list[tuple[str, str]]:
    """The languages `course` may still be translated into (one query): none for a translation."""
    if course.translation_of_id is not None:
        return []
    taken = set(course.translations.values_list("language", flat=True)) | {course.language}
    return [(code, name) for code, name in settings.LANGUAGES if code not in taken]


@transaction.atomic
def translation_create(*, course: Course, language: str, user: User | None) -> Course:
    """A draft copy of `course` in `language`, taught by the same trainers (and `user`), linked to
    it: every lesson remembers the original's version it starts from."""
    if course.translation_of_id is not None:
        raise ValidationError(_("Translate the original course, not a translation."), code="is_translation")
    if language not in dict(translation_languages(course=course)):
        raise ValidationError(_("This course already exists in that language."), code="language_taken")
    data = course_export_data(course=course)
    data["course"]["language"] = language
    copy = course_import(data=data, user=user, slug=f"{course.slug}-{language}"[:100])
    copy.trainers.add(*course.trainers.all())
    return link_translation(original=course, translation=copy)


def studio_translation_panel(*, course: Course) -> dict:
    """What the studio's course page shows about languages: for an original its translations
    and the languages still free; for a translation its original and the lessons whose original
    changed since they were last brought up to date (three queries at most)."""
    if course.translation_of_id is not None:
        return {
            "original": Course.objects.get(pk=course.translation_of_id),
            "outdated": list(lessons_outdated(course=course)),
        }
    return {
        "translations": list(course.translations.order_by("language", "pk")),
        "languages": translation_languages(course=course),
    }
