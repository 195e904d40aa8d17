"""Recordings as files: accepted by content only, size limit while streaming, private storage under
random names, and Range requests (206 with the right Content-Range; 416 when impossible)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from courses.practice.media import byte_range, media_type
from courses.practice.models import Recording
from tests.courses.practice.conftest import WEBM_HEAD, practice_take, wav_bytes, world

pytestmark = pytest.mark.django_db

SAMPLES = {
    "wav": (wav_bytes(0.2), "audio/wav"),
    "webm": (WEBM_HEAD + b"\0" * 64, "audio/webm"),
    "ogg": (b"OggS\x00\x02" + b"\0" * 64, "audio/ogg"),
    "m4a": (b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00isomM4A " + b"\0" * 64, "audio/mp4"),
    "mp4": (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2" + b"\0" * 64, "video/mp4"),
    "mp3-id3": (b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\0" * 64, "audio/mpeg"),
    "mp3-frame": (b"\xff\xfb\x90\x64" + b"\0" * 64, "audio/mpeg"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_media_type_accepts_each_recording_kind_by_content(name):
    content, expected = SAMPLES[name]
    assert media_type(io.BytesIO(content)) == expected


@pytest.mark.parametrize(
    "content",
    [b"This is a text file renamed to take.mp3\n", b"%PDF-1.7\n", b"\xff\xfe<\x00h\x00", b"RIFF\0\0\0\0AVI LIST", b""],
)
def test_media_type_refuses_what_is_not_a_recording(content):
    assert media_type(io.BytesIO(content)) is None


def _upload(client, w, upload, fetch: bool = False, **fields):
    url = reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug])
    headers = {"X-Requested-With": "fetch"} if fetch else {}
    return client.post(url, {"file": upload, **fields}, headers=headers)


def test_upload_of_a_real_wav_is_stored_privately_under_a_random_name(client, settings):
    w = world()
    client.force_login(w.participant)
    response = _upload(client, w, SimpleUploadedFile("My take.wav", wav_bytes(1.0), "audio/wav"))
    recording = Recording.objects.get()
    assert response.status_code == 302 and response["Location"] == recording.get_absolute_url()
    assert recording.file.name.startswith("recordings/") and "take" not in recording.file.name
    assert recording.file_name == "My take.wav" and recording.duration_ms == 1000
    assert not settings.STORAGES["default"]["OPTIONS"]["location"].startswith(str(settings.STATIC_ROOT))


def test_upload_of_a_renamed_text_file_is_refused_with_a_clear_message(client):
    w = world()
    client.force_login(w.participant)
    response = _upload(client, w, SimpleUploadedFile("take.webm", b"just some notes, not audio", "video/webm"))
    assert response.status_code == 400
    assert "not an audio or video recording" in response.text
    assert not Recording.objects.exists()


def test_upload_over_the_limit_is_dropped_while_streaming_with_a_clear_message(client, settings):
    settings.PRACTICE_MAX_UPLOAD_BYTES = 1024 * 1024  # 1 MB, so a 1.5 MB file is over it
    w = world()
    client.force_login(w.participant)
    big = SimpleUploadedFile("long.wav", wav_bytes(95.0), "audio/wav")
    assert len(big.read()) > 1024 * 1024
    big.seek(0)
    response = _upload(client, w, big)
    assert response.status_code == 400
    assert "larger than 1 MB" in response.text
    assert not Recording.objects.exists()


def test_upload_from_the_recorder_answers_json(client):
    w = world()
    client.force_login(w.participant)
    response = _upload(
        client, w, SimpleUploadedFile("take.webm", WEBM_HEAD + b"\0" * 256, "audio/webm"),
        duration_ms="4200", fetch=True,
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["ok"] is True
    assert Recording.objects.get().duration_ms == 4200
    bad = _upload(client, w, SimpleUploadedFile("x.webm", b"nope", "audio/webm"), fetch=True)
    assert bad.status_code == 400 and "not an audio or video recording" in bad.json()["error"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=1000-", False),
        ("bytes=50-10", False),
        ("bytes=-0", False),
        ("bytes=-", False),
        ("bytes=0-1,5-6", None),
        ("items=0-5", None),
    ],
)
def test_byte_range_parsing(header, expected):
    assert byte_range(header, 1000) == expected


def test_media_answers_range_requests_for_start_middle_and_end(client):
    w = world()
    recording = practice_take(w.participant, w.exercise)
    data = recording.file.open("rb").read()
    recording.file.close()
    size = len(data)
    client.force_login(w.participant)
    url = reverse("courses:recording_media", args=[recording.pk])
    whole = client.get(url)
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes" and whole["Content-Type"] == "audio/wav"
    for header, first, last in [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-50", size - 50, size - 1),
    ]:
        part = client.get(url, HTTP_RANGE=header)
        assert part.status_code == 206, header
        assert part["Content-Range"] == f"bytes {first}-{last}/{size}"
        assert part["Content-Length"] == str(last - first + 1)
        assert b"".join(part.streaming_content) == data[first : last + 1]
    impossible = client.get(url, HTTP_RANGE=f"bytes={size}-")
    assert impossible.status_code == 416 and impossible["Content-Range"] == f"bytes */{size}"


class _BrokenUpload(io.BytesIO):
    """What the server reads from a client that went away mid-upload: the first half of the body,
    then either the end of the stream or a read error."""

    def __init__(self, data: bytes, *, error: bool) -> None:
        super().__init__(data)
        self.error = error

    def read(self, size=-1):
        chunk = super().read(size)
        if not chunk and self.error:
            raise OSError("connection reset by peer")
        return chunk


@pytest.mark.parametrize("error", [False, True], ids=["stream-ends", "read-fails"])
def test_an_interrupted_upload_says_so_and_saves_nothing(client, error, tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # the partial file must not stay behind either
    w = world()
    client.force_login(w.participant)
    url = reverse("courses:practice_exercise", args=[w.course.slug, w.exercise.slug])
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("t.wav", wav_bytes(30.0), "audio/wav")})
    half = _BrokenUpload(body[: len(body) // 2], error=error)
    response = client.generic(
        "POST", url, b"", content_type=MULTIPART_CONTENT, headers={"X-Requested-With": "fetch"},
        **{"wsgi.input": half, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": MULTIPART_CONTENT},
    )  # fmt: skip
    assert response.status_code == 400
    assert "interrupted" in response.json()["error"]
    assert not Recording.objects.exists()
    assert list(tmp_path.iterdir()) == []
