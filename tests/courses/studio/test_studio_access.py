"""Access matrix over every URL in courses/urls/studio.py: only the course's trainers and staff get in."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Membership
from courses.studio import services as svc
from courses.studio.urls import urlpatterns
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    ExerciseFactory,
    LessonFactory,
    MembershipFactory,
    ModuleFactory,
    StaffFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# URLs that are not about one course: any trainer may use them (for their own courses).
GLOBAL = {"studio_home", "studio_course_create", "studio_course_import"}
# POST-only URLs answer a GET with 405 (reveals nothing); their access check is proven by POST.
POST_ONLY = {
    "studio_course_status",
    "studio_item_move",
    "studio_item_order",
    "studio_lesson_preview",
    "studio_attachment_add",
    "studio_attachment_delete",
    "studio_lesson_mark_current",
}


@pytest.fixture
def world():
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer], title="Secret Course")
    module = ModuleFactory(course=course)
    lesson = LessonFactory(module=module)
    exercise = ExerciseFactory(module=module)
    attachment = svc.attachment_add(lesson=lesson, title="Notes", file=SimpleUploadedFile("n.txt", b"hello"))
    participant = UserFactory()
    EnrollmentFactory(user=participant, course=course)
    org_admin = MembershipFactory(role=Membership.Role.ADMIN).user
    other_trainer = TrainerFactory()
    CourseFactory(trainers=[other_trainer])
    ids = {
        "studio_module_edit": module.pk,
        "studio_module_delete": module.pk,
        "studio_lesson_edit": lesson.pk,
        "studio_lesson_delete": lesson.pk,
        "studio_attachment_add": lesson.pk,
        "studio_attachment_delete": attachment.pk,
        "studio_exercise_edit": exercise.pk,
        "studio_exercise_delete": exercise.pk,
        "studio_item_move": lesson.pk,
        "studio_item_order": module.pk,
        "studio_lesson_mark_current": lesson.pk,
    }
    return {
        "course": course,
        "module": module,
        "ids": ids,
        "trainer": trainer,
        "participant": participant,
        "org_admin": org_admin,
        "other_trainer": other_trainer,
    }


def studio_urls(world) -> list[tuple[str, str]]:
    """Every studio URL, with real ids of the world's course, generated from the URLconf."""
    urls = []
    for pattern in urlpatterns:
        name = pattern.name
        params = pattern.pattern.converters.keys()
        kwargs = {}
        for param in params:
            if param == "slug":
                kwargs["slug"] = world["course"].slug
            elif param == "module_pk":
                kwargs["module_pk"] = world["module"].pk
            elif param == "kind":
                kwargs["kind"] = "lessons" if name == "studio_item_order" else "lesson"
            elif param == "pk":
                kwargs["pk"] = world["ids"][name]
        urls.append((name, reverse(f"courses:{name}", kwargs=kwargs)))
    return urls


def test_studio_urls_cover_every_pattern(world):
    assert len(studio_urls(world)) == len(urlpatterns)
    assert len(urlpatterns) >= 20


@pytest.mark.parametrize("method", ["get", "post"])
def test_studio_anonymous_is_sent_to_login(client, world, method):
    for name, url in studio_urls(world):
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert "/accounts/login/" in response["Location"], name


@pytest.mark.parametrize("who", ["participant", "org_admin", "other_trainer"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_studio_others_are_refused(client, world, who, method):
    client.force_login(world[who])
    for name, url in studio_urls(world):
        response = getattr(client, method)(url)
        if name in GLOBAL and who == "other_trainer":
            # Allowed page, but it never shows or touches this course.
            assert response.status_code in {200, 302}, name
            assert b"Secret Course" not in response.content, name
            continue
        if method == "get" and name in POST_ONLY:
            assert response.status_code in {403, 404, 405}, name
            continue
        assert response.status_code in {403, 404}, (name, response.status_code)
    # Nothing was changed by the refused POSTs.
    assert world["course"].modules.count() == 1
    assert world["course"].lessons.count() == 1


def test_studio_trainer_reaches_every_get_url(client, world):
    client.force_login(world["trainer"])
    for name, url in studio_urls(world):
        response = client.get(url)
        if name in POST_ONLY:
            assert response.status_code == 405, name
        elif name == "studio_trainers":
            assert response.status_code == 403, name  # staff only
        else:
            assert response.status_code == 200, (name, response.status_code)


def test_studio_staff_manage_trainers(client, world, staff_login):
    staff = StaffFactory()
    new_trainer = TrainerFactory()
    staff_login(client, staff)
    url = reverse("courses:studio_trainers", args=[world["course"].slug])
    assert client.get(url).status_code == 200
    client.post(url, {"user": new_trainer.pk})
    assert world["course"].trainers.filter(pk=new_trainer.pk).exists()
    client.post(url, {"remove": world["trainer"].pk})
    assert not world["course"].trainers.filter(pk=world["trainer"].pk).exists()


def test_studio_home_lists_only_taught_courses(client, world):
    client.force_login(world["other_trainer"])
    response = client.get(reverse("courses:studio_home"))
    assert b"Secret Course" not in response.content
    client.force_login(world["trainer"])
    assert b"Secret Course" in client.get(reverse("courses:studio_home")).content


def test_studio_nav_link_only_for_trainers(client, world):
    client.force_login(world["participant"])
    home = reverse("courses:studio_home")
    page = reverse("accounts:profile")  # any page with the site nav
    assert f'href="{home}"'.encode() not in client.get(page).content
    client.force_login(world["trainer"])
    assert f'href="{home}"'.encode() in client.get(page).content
