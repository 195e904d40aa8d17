"""Recordings as files: what a file is (by its first bytes), a size limit applied while the upload
streams to disk, and serving with HTTP Range requests so the player can seek.

Accepted, judged by content only (never the name or the browser's word): WebM/Matroska (EBML
header), Ogg ("OggS"), MP4/M4A ("ftyp" box), MP3 (an ID3 tag or an MPEG audio frame sync) and
WAV (RIFF ... WAVE). Anything else is refused.
"""

from __future__ import annotations

import re
import wave
from collections.abc import Iterator
from typing import IO

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

HEAD_BYTES = 64
CHUNK = 64 * 1024
MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A "}


def _mp3_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a known version and layer, a valid bitrate and rate."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0x3, (head[1] >> 1) & 0x3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0x3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def media_type(file: IO[bytes], *, video_hint: bool = False) -> str | None:
    """The type to serve the file as, or None when it is not an accepted recording.

    WebM and MP4 hold audio or video; the recorder's word (`video_hint`) only picks between the
    two for WebM, and an MP4 says it itself with its brand."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm" if video_hint else "audio/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4" if head[8:12] in MP4_AUDIO_BRANDS else "video/mp4"
    if head.startswith(b"ID3") or _mp3_frame(head):
        return "audio/mpeg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    return None


def wav_duration_ms(file: IO[bytes]) -> int | None:
    """The length of a PCM WAV file from its header (None if the header cannot be read)."""
    try:
        file.seek(0)
        with wave.open(file, "rb") as reader:
            rate = reader.getframerate()
            return int(reader.getnframes() * 1000 / rate) if rate else None
    except (wave.Error, EOFError, OSError, ValueError):
        return None
    finally:
        file.seek(0)


class SizeLimitUploadHandler(FileUploadHandler):
    """Counts the bytes of each uploaded file as they arrive and drops a file past `limit`.

    Put first in `request.upload_handlers`: the rest of the chain (memory, then a temporary file on
    disk) never sees the bytes of a file that is too big, and `exceeded` tells the view why it is missing.
    A file that started but never completed (the connection broke mid-upload: the body ended or
    could not be read) is `interrupted`; Django then drops the partial file, and the view says so."""

    def __init__(self, request: HttpRequest, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False
        self.started = False
        self.completed = False

    @property
    def interrupted(self) -> bool:
        return self.started and not self.completed and not self.exceeded

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.started, self.completed = True, False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        self.completed = True
        return None


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) of a single `Range: bytes=...` header; None to send the whole file (no header,
    another unit or several ranges, which we may ignore); False when it cannot be satisfied (416)."""
    match = _RANGE.match(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.group(1), match.group(2)
    if not first and not last:
        return False
    if not first:  # the last N bytes
        suffix = int(last)
        return (max(size - suffix, 0), size - 1) if suffix and size else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return False
    return start, end


def _chunks(file: IO[bytes], start: int, length: int) -> Iterator[bytes]:
    try:
        file.seek(start)
        while length > 0:
            data = file.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        file.close()


def ranged_response(request: HttpRequest, file: IO[bytes], *, size: int, content_type: str) -> HttpResponse:
    """The file, or the part the Range header asks for (206), streamed in chunks; 416 for an impossible range."""
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is False:
        file.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        start, end = wanted if wanted else (0, size - 1)
        length = max(end - start + 1, 0)
        if request.method == "HEAD":
            file.close()
        body = _chunks(file, start, length) if request.method != "HEAD" else iter(())
        response = StreamingHttpResponse(body, status=206 if wanted else 200, content_type=content_type)
        response["Content-Length"] = str(length)
        if wanted:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
