"""The inputs #13 named, one by one, through the shared parsers, converter, lookup and sniffer."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from courses.exercises import services as exercise_services
from courses.learning.services import lesson_attachment_save
from courses.models import Course, LessonAttachment, ReflectionResponse
from courses.studio import services as studio_services
from lms.parsing import parse_id, parse_json
from lms.uploads import served_content_type
from tests.courses.exercises.conftest import PDF, sample, upload
from tests.courses.exercises.conftest import world as exercises_world
from tests.factories import TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db

UTF16_TEXT = "Notes from the call, not a recording.".encode("utf-16")
MP4_VIDEO = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64


@pytest.mark.parametrize("value", ["", "0", "-1", "²", "١", "12a", "99999999999999999999", "9223372036854775808"])
def test_parse_id_refuses_what_is_not_a_64_bit_key(value):
    assert parse_id(value) is None


def test_parse_id_reads_ascii_digits_up_to_64_bits():
    assert parse_id("42") == 42
    assert parse_id("9223372036854775807") == 2**63 - 1


def test_parse_json_refuses_deep_nesting_with_a_reason():
    with pytest.raises(ValueError, match="nested too deeply"):
        parse_json(b"[" * 100_000)
    assert parse_json('{"title": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')["title"]


def test_id_converter_answers_404_for_keys_beyond_64_bits(client):
    client.force_login(UserFactory())
    assert client.get("/attachments/99999999999999999999999/").status_code == 404
    assert client.get("/my/follow-up/check-ins/9223372036854775808/").status_code == 404


def test_in_lookup_ignores_integers_beyond_the_column():
    user = UserFactory()
    assert list(User.objects.filter(pk__in=[user.pk, 2**70, -(2**70)])) == [user]
    assert not User.objects.filter(pk__in=[2**70]).exists()


def test_studio_import_of_deeply_nested_json_is_a_clear_400_and_imports_nothing(client):
    client.force_login(TrainerFactory())
    before = Course.objects.count()
    response = client.post(
        reverse("courses:studio_course_import"),
        {"file": SimpleUploadedFile("course.json", b"[" * 100_000, content_type="application/json")},
    )
    assert response.status_code in {200, 400}
    assert "nested too deeply" in response.content.decode()
    assert Course.objects.count() == before


def test_studio_import_refuses_nul_characters(client):
    client.force_login(TrainerFactory())
    response = client.post(
        reverse("courses:studio_course_import"),
        {"file": SimpleUploadedFile("course.json", b'{"format": "x\\u0000"}', content_type="application/json")},
    )
    assert "NUL characters" in response.content.decode()


def test_reflection_with_nul_is_a_form_error_and_saves_nothing(client):
    w = exercises_world()
    client.force_login(w.participant)
    url = w.reflection.get_absolute_url()
    response = client.post(url, {"text": "my \x00 thoughts", "action": "submit"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    assert not ReflectionResponse.objects.filter(user=w.participant).exists()
    draft_url = reverse("courses:exercise_draft", kwargs={"course_slug": w.course.slug, "exercise_slug": "reflection"})
    assert client.post(draft_url, {"text": "\x00"}).status_code == 400


@pytest.mark.parametrize(("name", "content"), [("notes.mp3", UTF16_TEXT), ("film.m4a", MP4_VIDEO)])
def test_submission_refuses_what_only_looks_like_audio(name, content):
    w = exercises_world()
    with pytest.raises(Exception, match="not accepted"):
        exercise_services.submission_create(
            user=w.participant, exercise=w.assignment, text="Work", file=upload(name, content, "audio/mpeg")
        )


def test_attachment_is_served_with_the_type_its_content_has(client):
    w = exercises_world(with_lesson=True)
    disguised = lesson_attachment_save(
        attachment=LessonAttachment(
            lesson=w.lesson,
            title="Cards",
            file=SimpleUploadedFile("cards.pdf", b"<html><script>x</script>", "application/pdf"),
        )
    )
    real = studio_services.attachment_add(
        lesson=w.lesson, title="Real", file=SimpleUploadedFile("real.bin", PDF, content_type="text/html")
    )
    assert disguised.content_type == "application/octet-stream"
    assert real.content_type == "application/pdf"
    client.force_login(w.participant)
    assert client.get(reverse("courses:attachment_download", kwargs={"pk": disguised.pk}))["Content-Type"] == (
        "application/octet-stream"
    )
    assert (
        client.get(reverse("courses:attachment_download", kwargs={"pk": real.pk}))["Content-Type"] == "application/pdf"
    )


def test_served_content_type_of_an_mp4_video_is_not_audio():
    assert served_content_type(SimpleUploadedFile("x.m4a", MP4_VIDEO)) == "video/mp4"
    assert served_content_type(sample("m4a")) == "audio/mp4"
