"""Covers and faces: an uploaded cover or photo is served as what its bytes are; without one (or
with a file that is not an image) a generated SVG is served, deterministic and escaped."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import User
from courses.learning.models import Course
from courses.storefront.covers import avatar_svg, cover_svg, initials, title_lines
from tests.factories import CourseFactory, TrainerFactory, UserFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#336699").save(out, "PNG")
    return out.getvalue()


def test_cover_svg_is_deterministic_wrapped_and_escaped():
    """The generated cover is stable, wraps long titles into at most four lines and escapes markup."""
    title = "Coaching <b>Sales</b> & Professionals who ask the miracle question every single week"
    svg = cover_svg(title, site_name="Site")
    assert svg == cover_svg(title, site_name="Site")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "&amp;" in svg
    assert svg.count("<tspan") == len(title_lines(title)) <= 4
    assert title_lines("x " * 200)[-1].endswith("…")


def test_cover_view_generates_svg_without_upload(client):
    """Without an upload, the cover URL answers an SVG drawn from the title."""
    course = CourseFactory(title="Successfully Changing Behavior")
    response = client.get(reverse("courses:course_cover", args=[course.slug]))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "Successfully Changing" in response.content.decode()


def test_cover_view_serves_an_uploaded_image_by_its_content(client):
    """An uploaded cover is served with the type its bytes have, whatever its name says."""
    course = CourseFactory()
    course.cover_image = SimpleUploadedFile("cover.txt", png_bytes())
    course.save(update_fields=["cover_image"])
    response = client.get(reverse("courses:course_cover", args=[course.slug]))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_cover_view_falls_back_to_svg_for_an_upload_that_is_not_an_image(client):
    """A stored cover that is not an image (HTML) is never served; the generated SVG is."""
    course = CourseFactory()
    course.cover_image = SimpleUploadedFile("cover.png", b"<html><script>alert(1)</script>")
    course.save(update_fields=["cover_image"])
    response = client.get(reverse("courses:course_cover", args=[course.slug]))
    assert response["Content-Type"].startswith("image/svg+xml")


def test_cover_of_a_draft_is_hidden_from_visitors(client):
    """A draft's cover is as hidden as its page."""
    course = CourseFactory(status=Course.Status.DRAFT)
    assert client.get(reverse("courses:course_cover", args=[course.slug])).status_code == 404


def test_initials_avatar_for_a_trainer_without_photo(client):
    """A trainer without a photo gets an initials avatar, escaped."""
    trainer = TrainerFactory(full_name="Tessa van Trainer")
    response = client.get(reverse("courses:trainer_photo", args=[trainer.pk]))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert ">TT</text>" in response.content.decode()
    assert initials("") == "?"
    assert initials("anne-marie de vries") == "AV"
    assert "&lt;" in avatar_svg("<b>Bad</b>") and "<b>" not in avatar_svg("<b>Bad</b>")


def test_photo_of_someone_who_is_not_a_trainer_is_404(client):
    """Only trainers have public pictures: a participant's id answers 404."""
    assert client.get(reverse("courses:trainer_photo", args=[UserFactory().pk])).status_code == 404


def test_trainer_uploads_a_photo_on_the_profile_page_checked_by_content(client):
    """The profile page takes a trainer's bio and photo; a file that only claims to be an image is refused."""
    trainer = TrainerFactory()
    client.force_login(trainer)
    bad = SimpleUploadedFile("me.png", b"GIF89a not really", content_type="image/png")
    response = client.post(
        reverse("accounts:profile"), {"full_name": "T T", "language": "en", "bio": "Hi", "photo": bad}
    )
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    good = SimpleUploadedFile("me.bin", png_bytes(), content_type="application/octet-stream")
    response = client.post(
        reverse("accounts:profile"), {"full_name": "T T", "language": "en", "bio": "Coach.", "photo": good}
    )
    assert response.status_code == 302
    trainer = User.objects.get(pk=trainer.pk)
    assert trainer.bio == "Coach." and trainer.photo.name.startswith("photos/")
    photo = client.get(reverse("courses:trainer_photo", args=[trainer.pk]))
    assert photo["Content-Type"] == "image/png"


def test_participant_profile_has_no_photo_or_bio(client):
    """Participants are not on the storefront, so their profile has no bio or photo."""
    client.force_login(UserFactory())
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="photo"' not in html and 'name="bio"' not in html


def test_trainer_uploads_a_cover_in_the_studio_checked_by_content(client):
    """The studio's course form takes a cover image; a file that only claims to be one is refused."""
    trainer = TrainerFactory()
    course = CourseFactory(trainers=[trainer])
    client.force_login(trainer)
    url = reverse("courses:studio_course_edit", args=[course.slug])
    fields = {
        "title": course.title, "slug": course.slug, "summary": course.summary, "description": course.description,
        "outcomes": "", "language": "en", "estimated_hours": "3", "version": str(course.version),
    }  # fmt: skip
    fake = SimpleUploadedFile("cover.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(url, {**fields, "cover_image": fake})
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert not Course.objects.get(pk=course.pk).cover_image
    good = SimpleUploadedFile("cover.bin", png_bytes(), content_type="application/octet-stream")
    assert client.post(url, {**fields, "cover_image": good}).status_code == 302
    assert client.get(reverse("courses:course_cover", args=[course.slug]))["Content-Type"] == "image/png"
    course.refresh_from_db()
    fields["version"] = str(course.version)
    assert client.post(url, {**fields, "cover_clear": "on"}).status_code == 302
    assert not Course.objects.get(pk=course.pk).cover_image
