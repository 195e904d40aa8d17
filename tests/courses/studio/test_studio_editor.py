"""The course editor: creating, editing, ordering, previewing, publishing and bad input."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Course, Lesson, LessonProgress
from courses.studio import services as svc
from lms.richtext import MAX_MARKDOWN_CHARS
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    ModuleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def lesson_post(lesson, **overrides):
    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "body": lesson.body,
        "video_url": "",
        "estimated_minutes": 10,
        "required": "on",
        "version": lesson.version,
    }
    data.update(overrides)
    return data


def test_studio_course_create_makes_a_draft_taught_by_the_creator(client, trainer):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_course_create"),
        {"title": "New", "slug": "new-course", "summary": "S", "language": "en", "estimated_hours": 2},
    )
    course = Course.objects.get(slug="new-course")
    assert response.status_code == 302
    assert course.status == Course.Status.DRAFT
    assert list(course.trainers.all()) == [trainer]


def test_studio_course_create_refuses_taken_slug(client, trainer, course):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_course_create"),
        {"title": "New", "slug": course.slug, "summary": "S", "language": "en", "estimated_hours": 2},
    )
    assert response.status_code == 200
    assert Course.objects.filter(slug=course.slug).count() == 1


def test_studio_add_module_lesson_exercise(client, trainer, course):
    client.force_login(trainer)
    client.post(reverse("courses:studio_module_create", args=[course.slug]), {"title": "Week 1"})
    module = course.modules.get()
    client.post(
        reverse("courses:studio_lesson_create", args=[course.slug, module.pk]),
        {"title": "Intro", "slug": "intro", "body": "# Hi\n\n**bold**", "estimated_minutes": 5, "required": "on"},
    )
    lesson = course.lessons.get()
    assert "<strong>bold</strong>" in lesson.body_html
    client.post(
        reverse("courses:studio_exercise_create", args=[course.slug, module.pk]),
        {"kind": "reflection", "title": "Reflect", "slug": "reflect", "instructions": "Why?", "required": "on"},
    )
    exercise = course.exercises.get()
    assert exercise.kind == "reflection" and exercise.instructions_html == "<p>Why?</p>"


def test_studio_lesson_duplicate_slug_is_a_form_error(client, trainer, lesson):
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_lesson_create", args=[lesson.course.slug, lesson.module_id]),
        {"title": "Again", "slug": lesson.slug, "body": "x", "estimated_minutes": 5},
    )
    assert response.status_code == 200
    assert Lesson.objects.filter(slug=lesson.slug).count() == 1


def test_studio_lesson_concurrent_edit_is_refused_and_first_text_kept(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    stale = lesson.version
    first = client.post(url, lesson_post(lesson, body="Text of the first trainer.", version=stale))
    assert first.status_code == 302
    second = client.post(url, lesson_post(lesson, body="Text of the second trainer.", version=stale))
    assert second.status_code == 200
    content = second.content.decode()
    assert "someone else changed this lesson" in content.lower()
    assert "Text of the second trainer." in content  # their text is kept in the form
    lesson.refresh_from_db()
    assert lesson.body == "Text of the first trainer."
    assert lesson.version == stale + 1


def test_studio_lesson_update_service_conflict(lesson):
    svc.lesson_update(lesson=Lesson.objects.get(pk=lesson.pk), expected_version=lesson.version, body="A")
    with pytest.raises(svc.EditConflict):
        svc.lesson_update(lesson=Lesson.objects.get(pk=lesson.pk), expected_version=lesson.version, body="B")
    assert Lesson.objects.get(pk=lesson.pk).body == "A"


def test_studio_course_concurrent_edit_is_refused(client, trainer, course):
    client.force_login(trainer)
    url = reverse("courses:studio_course_edit", args=[course.slug])
    data = {
        "title": "T1",
        "slug": course.slug,
        "summary": "S",
        "description": "",
        "outcomes": "",
        "language": "en",
        "estimated_hours": 1,
        "version": course.version,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "T2"})
    assert "someone else changed this course" in response.content.decode().lower()
    course.refresh_from_db()
    assert course.title == "T1"


def test_studio_lesson_body_too_long_is_refused(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    response = client.post(url, lesson_post(lesson, body="a" * (10 * 1024 * 1024)))
    assert response.status_code == 200
    assert "The text is too long" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.body == "First text."
    assert MAX_MARKDOWN_CHARS == 200_000


def test_studio_markdown_bomb_deep_nesting_is_refused(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    response = client.post(url, lesson_post(lesson, body="> " * 50 + "deep"))
    assert "more than 20 levels deep" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.body == "First text."


def test_studio_markdown_huge_table_is_refused(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    table = "|" + "a|" * 100 + "\n|" + "-|" * 100 + "\n" + ("|" + "x|" * 100 + "\n") * 2000
    assert len(table) > MAX_MARKDOWN_CHARS
    response = client.post(url, lesson_post(lesson, body=table))
    assert "The text is too long" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.body == "First text."


def test_studio_script_is_sanitised_in_preview_and_page(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    evil = 'Hello <script>alert("x")</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>'
    preview = client.post(url, lesson_post(lesson, body=evil, preview="1"))
    assert preview.status_code == 200
    pane = preview.content.decode().split('id="lesson-preview"')[1].split("</section>")[0]
    assert "<script" not in pane and "onerror" not in pane and "javascript:" not in pane
    assert "Hello" in pane
    lesson.refresh_from_db()
    assert lesson.body == "First text."  # preview saves nothing
    client.post(url, lesson_post(lesson, body=evil))
    lesson.refresh_from_db()
    assert lesson.body == evil
    for html in (lesson.body_html, client.get(reverse("courses:studio_course_preview", args=[lesson.course.slug]))):
        text = html if isinstance(html, str) else html.content.decode().split("studio-preview")[-1]
        assert "<script>alert" not in text and "onerror" not in text and "javascript:alert" not in text
    ajax = client.post(reverse("courses:studio_lesson_preview", args=[lesson.course.slug]), {"body": evil}).json()
    assert ajax["ok"] and "<script" not in ajax["html"]


def test_studio_invalid_video_host_is_refused(client, trainer, lesson):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    response = client.post(url, lesson_post(lesson, video_url="https://evil.example.com/watch?v=abcdefgh"))
    assert "YouTube or Vimeo" in response.content.decode()
    client.post(url, lesson_post(lesson, video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    lesson.refresh_from_db()
    assert lesson.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_studio_move_buttons_swap_positions(client, trainer, course):
    module = ModuleFactory(course=course)
    a, b, c = (LessonFactory(module=module, position=p) for p in (1, 2, 3))
    client.force_login(trainer)
    client.post(reverse("courses:studio_item_move", args=[course.slug, "lesson", c.pk]), {"direction": "up"})
    assert list(module.lessons.order_by("position").values_list("pk", flat=True)) == [a.pk, c.pk, b.pk]
    client.post(reverse("courses:studio_item_move", args=[course.slug, "lesson", a.pk]), {"direction": "up"})
    assert list(module.lessons.order_by("position").values_list("pk", flat=True)) == [a.pk, c.pk, b.pk]


def test_studio_move_modules_with_equal_positions(trainer, course):
    m1 = ModuleFactory(course=course, position=5)
    m2 = ModuleFactory(course=course, position=5)
    assert svc.item_move(item=m2, direction="up")
    assert list(course.modules.order_by("position").values_list("pk", flat=True)) == [m2.pk, m1.pk]


def test_studio_drag_and_drop_order(client, trainer, course):
    m1, m2 = ModuleFactory(course=course), ModuleFactory(course=course)
    client.force_login(trainer)
    url = reverse("courses:studio_item_order", args=[course.slug, "modules", course.pk])
    response = client.post(url, {"ids": [m2.pk, m1.pk]}, content_type="application/json")
    assert response.json()["ok"]
    assert list(course.modules.order_by("position").values_list("pk", flat=True)) == [m2.pk, m1.pk]
    bad = client.post(url, {"ids": [m2.pk]}, content_type="application/json")
    assert bad.status_code == 409


def test_studio_lesson_with_progress_is_not_deleted(client, trainer, lesson):
    participant = UserFactory()
    LessonProgress.objects.create(user=participant, lesson=lesson, course=lesson.course)
    client.force_login(trainer)
    client.post(reverse("courses:studio_lesson_delete", args=[lesson.course.slug, lesson.pk]))
    assert Lesson.objects.filter(pk=lesson.pk).exists()
    client.post(reverse("courses:studio_module_delete", args=[lesson.course.slug, lesson.module_id]))
    assert Lesson.objects.filter(pk=lesson.pk).exists()


def test_studio_lesson_without_progress_is_deleted(client, trainer, lesson):
    client.force_login(trainer)
    client.post(reverse("courses:studio_lesson_delete", args=[lesson.course.slug, lesson.pk]))
    assert not Lesson.objects.filter(pk=lesson.pk).exists()


def test_studio_editing_published_lesson_keeps_progress(client, trainer, lesson):
    participant = UserFactory()
    LessonProgress.objects.create(user=participant, lesson=lesson, course=lesson.course)
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    client.post(url, lesson_post(lesson, body="New text", title="Renamed"))
    assert LessonProgress.objects.filter(lesson_id=lesson.pk, user=participant).exists()
    assert Lesson.objects.get(pk=lesson.pk).title == "Renamed"


def test_studio_attachment_upload_random_name_and_size_limit(client, trainer, lesson, settings):
    client.force_login(trainer)
    url = reverse("courses:studio_attachment_add", args=[lesson.course.slug, lesson.pk])
    client.post(url, {"title": "Sheet", "file": SimpleUploadedFile("my plan.pdf", b"%PDF-1.4 data")})
    attachment = lesson.attachments.get()
    assert attachment.original_name == "my plan.pdf"
    assert "my plan" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    big = SimpleUploadedFile("big.bin", b"x" * (settings.STUDIO_MAX_ATTACHMENT_BYTES + 1))
    response = client.post(url, {"title": "Big", "file": big}, follow=True)
    assert "too large" in response.content.decode()
    assert lesson.attachments.count() == 1


def test_studio_publish_lists_problems(client, trainer, course):
    ModuleFactory(course=course, title="Empty module")
    quiz_module = ModuleFactory(course=course)
    LessonFactory(module=quiz_module)
    ExerciseFactory(module=quiz_module, kind="quiz", title="Unchecked quiz")
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_course_status", args=[course.slug]), {"action": "publish"}, follow=True
    )
    content = response.content.decode()
    assert "Empty module" in content and "has no lesson" in content
    assert "Unchecked quiz" in content
    course.refresh_from_db()
    assert course.status == Course.Status.DRAFT


def test_studio_publish_archive_keeps_enrollments(client, trainer, course):
    LessonFactory(module=ModuleFactory(course=course))
    ExerciseFactory(module=course.modules.get(), kind="reflection")
    client.force_login(trainer)
    url = reverse("courses:studio_course_status", args=[course.slug])
    client.post(url, {"action": "publish"})
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED and course.published_at
    enrollment = EnrollmentFactory(course=course)
    client.post(url, {"action": "archive"})
    course.refresh_from_db()
    assert course.status == Course.Status.ARCHIVED
    assert course.enrollments.filter(pk=enrollment.pk).exists()
    from courses.learning.selectors import catalog_courses

    assert course not in catalog_courses()


def test_studio_preview_shows_rendered_lessons(client, trainer, lesson):
    client.force_login(trainer)
    response = client.get(reverse("courses:studio_course_preview", args=[lesson.course.slug]))
    assert lesson.body_html in response.content.decode()


def test_studio_home_query_count_is_flat(client, trainer, django_assert_num_queries, django_assert_max_num_queries):
    client.force_login(trainer)
    url = reverse("courses:studio_home")

    def make(n):
        for _ in range(n):
            EnrollmentFactory(course=CourseFactory(trainers=[trainer]))

    make(1)
    client.get(url)  # warm up
    # session, user, courses with counts, and pending reviews once the Submission model exists.
    with django_assert_max_num_queries(4) as small:
        client.get(url)
    make(5)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_studio_unpublish_refused_with_participants(client, trainer, course):
    LessonFactory(module=ModuleFactory(course=course))
    svc.course_status_set(course=course, status=Course.Status.PUBLISHED)
    EnrollmentFactory(course=course)
    client.force_login(trainer)
    response = client.post(
        reverse("courses:studio_course_status", args=[course.slug]), {"action": "unpublish"}, follow=True
    )
    assert "Archive it instead" in response.content.decode()
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[a](" * 5000, "too many links"),  # unclosed links: quadratic in Python-Markdown
        ("|" + "x|" * 20 + "\n" + "|" + "-|" * 20 + "\n" + ("|" + "x|" * 20 + "\n") * 600, "too many table cells"),
    ],
)
def test_studio_markdown_costly_to_render_is_refused(client, trainer, lesson, body, message):
    client.force_login(trainer)
    url = reverse("courses:studio_lesson_edit", args=[lesson.course.slug, lesson.pk])
    assert len(body) < MAX_MARKDOWN_CHARS  # within the length limit: refused for its shape
    response = client.post(url, lesson_post(lesson, body=body, preview="1"))
    assert message in response.content.decode()
    ajax = client.post(reverse("courses:studio_lesson_preview", args=[lesson.course.slug]), {"body": body})
    assert ajax.status_code == 400 and message in ajax.json()["error"]
    lesson.refresh_from_db()
    assert lesson.body == "First text."
