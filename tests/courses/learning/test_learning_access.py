"""Who may see what: courses, lessons, attachments; POST-only actions; unknown slugs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.learning.services import enrollment_create, lesson_attachment_save
from courses.models import Course, Enrollment, LessonAttachment, LessonProgress
from tests.factories import (
    CourseFactory,
    LessonFactory,
    MembershipFactory,
    ModuleFactory,
    StaffFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    module = ModuleFactory(course=course)
    LessonFactory(module=module, slug="preview", free_preview=True)
    LessonFactory(module=module, slug="private", body="Members only secret text")
    return course


def _lesson_url(course, slug):
    return reverse("courses:lesson_detail", args=[course.slug, slug])


def _enrolled(course):
    user = UserFactory()
    enrollment_create(user=user, course=course)
    return user


# --- Lessons ---------------------------------------------------------------------------


def test_lesson_anonymous_redirected_to_course_page_with_reason(client, course):
    response = client.get(_lesson_url(course, "private"), follow=True)
    assert response.redirect_chain[-1][0] == course.get_absolute_url()
    html = response.content.decode()
    assert "enroll in this course to read its lessons" in html
    assert "Members only secret text" not in html


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(UserFactory, id="not-enrolled"),
        pytest.param(TrainerFactory, id="trainer-of-another-course"),
        pytest.param(lambda: MembershipFactory(role="admin").user, id="other-org-admin"),
    ],
)
def test_lesson_refused_to_users_not_enrolled(client, course, make_user):
    other_course = CourseFactory()
    _enrolled(other_course)
    client.force_login(make_user())
    response = client.get(_lesson_url(course, "private"))
    assert response.status_code == 302
    assert response["Location"] == course.get_absolute_url()
    assert "Members only secret text" not in client.get(response["Location"]).content.decode()


def test_lesson_enrollment_of_another_participant_does_not_open_it(client, course):
    _enrolled(course)
    client.force_login(UserFactory())
    assert client.get(_lesson_url(course, "private")).status_code == 302


def test_lesson_open_to_enrolled_user(client, course):
    client.force_login(_enrolled(course))
    response = client.get(_lesson_url(course, "private"))
    assert response.status_code == 200
    assert "Members only secret text" in response.content.decode()


def test_lesson_cancelled_enrollment_is_refused(client, course):
    user = _enrolled(course)
    Enrollment.objects.filter(user=user).update(status=Enrollment.Status.CANCELLED)
    client.force_login(user)
    assert client.get(_lesson_url(course, "private")).status_code == 302


def test_lesson_free_preview_open_to_anonymous(client, course):
    response = client.get(_lesson_url(course, "preview"))
    assert response.status_code == 200
    assert "free preview" in response.content.decode()


def test_lesson_trainer_and_staff_may_read(client, course):
    for user in (course.trainers.get(), StaffFactory()):
        client.force_login(user)
        assert client.get(_lesson_url(course, "private")).status_code == 200


# --- Drafts and archived courses -----------------------------------------------------------


def test_draft_course_404_for_everyone_but_trainers_and_staff(client, course):
    Course.objects.filter(pk=course.pk).update(status=Course.Status.DRAFT)
    urls = [course.get_absolute_url(), _lesson_url(course, "preview"), _lesson_url(course, "private")]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for user in (UserFactory(), TrainerFactory(), MembershipFactory(role="admin").user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
    for user in (course.trainers.get(), StaffFactory()):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_draft_course_cannot_be_enrolled_in(client, course):
    Course.objects.filter(pk=course.pk).update(status=Course.Status.DRAFT)
    client.force_login(UserFactory())
    assert client.post(reverse("courses:course_enroll", args=[course.slug])).status_code == 404
    assert not Enrollment.objects.exists()


def test_archived_course_hidden_from_catalog_but_open_to_enrolled(client, course):
    user = _enrolled(course)
    Course.objects.filter(pk=course.pk).update(status=Course.Status.ARCHIVED)
    assert course.title not in client.get(reverse("courses:catalog")).content.decode()
    client.force_login(user)
    assert client.get(course.get_absolute_url()).status_code == 200
    assert client.get(_lesson_url(course, "private")).status_code == 200
    newcomer = UserFactory()
    client.force_login(newcomer)
    html = client.get(course.get_absolute_url()).content.decode()
    assert reverse("courses:course_enroll", args=[course.slug]) not in html
    client.post(reverse("courses:course_enroll", args=[course.slug]))
    assert not Enrollment.objects.filter(user=newcomer).exists()


# --- Unknown slugs and methods -----------------------------------------------------------


def test_unknown_slugs_404(client, course):
    client.force_login(_enrolled(course))
    assert client.get(reverse("courses:course_detail", args=["nope"])).status_code == 404
    assert client.get(_lesson_url(course, "nope")).status_code == 404
    assert client.get(reverse("courses:lesson_detail", args=["nope", "preview"])).status_code == 404
    assert client.post(reverse("courses:course_enroll", args=["nope"])).status_code == 404
    assert client.post(reverse("courses:lesson_complete", args=[course.slug, "nope"])).status_code == 404
    assert client.get(reverse("courses:attachment_download", args=[999999])).status_code == 404


def test_lesson_from_another_course_404(client, course):
    other = CourseFactory()
    LessonFactory(module=ModuleFactory(course=other), slug="elsewhere", free_preview=True)
    assert client.get(_lesson_url(course, "elsewhere")).status_code == 404


def test_post_only_urls_refuse_get(client, course):
    client.force_login(_enrolled(course))
    assert client.get(reverse("courses:course_enroll", args=[course.slug])).status_code == 405
    assert client.get(reverse("courses:lesson_complete", args=[course.slug, "private"])).status_code == 405
    assert not LessonProgress.objects.exists()


def test_enroll_and_complete_require_csrf(course):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    client.force_login(user)
    assert client.post(reverse("courses:course_enroll", args=[course.slug])).status_code == 403
    enrollment_create(user=user, course=course)
    assert client.post(reverse("courses:lesson_complete", args=[course.slug, "private"])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_enroll_anonymous_goes_to_login(client, course):
    response = client.post(reverse("courses:course_enroll", args=[course.slug]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert response["Location"].endswith("?next=" + course.get_absolute_url())
    assert not Enrollment.objects.exists()
    response = client.post(reverse("courses:lesson_complete", args=[course.slug, "private"]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not LessonProgress.objects.exists()


def test_complete_not_enrolled_changes_nothing(client, course):
    client.force_login(UserFactory())
    response = client.post(reverse("courses:lesson_complete", args=[course.slug, "preview"]))
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()


def test_enroll_and_complete_through_the_pages_moves_on(client, course):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("courses:course_enroll", args=[course.slug]))
    client.post(reverse("courses:course_enroll", args=[course.slug]))
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
    response = client.post(reverse("courses:lesson_complete", args=[course.slug, "preview"]))
    assert response["Location"] == _lesson_url(course, "private")
    response = client.post(reverse("courses:lesson_complete", args=[course.slug, "private"]))
    assert response["Location"] == course.get_absolute_url()
    assert Enrollment.objects.get(user=user).status == Enrollment.Status.COMPLETED


# --- Attachments -----------------------------------------------------------------------


@pytest.fixture
def attachment(course):
    lesson = course.lessons.get(slug="private")
    return lesson_attachment_save(
        attachment=LessonAttachment(
            lesson=lesson,
            title="Question cards",
            file=SimpleUploadedFile("question cards.pdf", b"%PDF-1.4 cards", content_type="application/pdf"),
        )
    )


def test_attachment_stored_under_random_name_with_original_name_kept(attachment):
    assert attachment.original_name == "question cards.pdf"
    assert "question" not in attachment.file.name
    assert attachment.size == len(b"%PDF-1.4 cards")


def test_attachment_download_for_enrolled_user(client, course, attachment):
    client.force_login(_enrolled(course))
    response = client.get(reverse("courses:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 cards"
    assert 'attachment; filename="question cards.pdf"' in response["Content-Disposition"]
    html = client.get(_lesson_url(course, "private")).content.decode()
    assert reverse("courses:attachment_download", args=[attachment.pk]) in html
    assert attachment.file.name not in html  # never a storage path


def test_attachment_download_refused(client, course, attachment):
    url = reverse("courses:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404  # anonymous
    for user in (UserFactory(), TrainerFactory(), MembershipFactory(role="admin").user):
        client.force_login(user)
        assert client.get(url).status_code == 404
    Course.objects.filter(pk=course.pk).update(status=Course.Status.DRAFT)
    client.force_login(_enrolled(CourseFactory()))
    assert client.get(url).status_code == 404


def test_attachment_of_free_preview_open_to_anonymous(client, course):
    lesson = course.lessons.get(slug="preview")
    att = lesson_attachment_save(
        attachment=LessonAttachment(lesson=lesson, title="Sheet", file=SimpleUploadedFile("sheet.txt", b"hello"))
    )
    response = client.get(reverse("courses:attachment_download", args=[att.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
