"""What an uploaded file is, judged by its content (never by its name or the browser's word).

One sniffer for every upload: `filetype` (PyPI, pinned) reads the first bytes, and each caller
passes an allow-list of the kinds it takes. A UTF-16 text file (BOM FF FE) is not MP3, and an
MP4 video is not an m4a recording: only the kinds named in an allow-list get through.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

import filetype

HEAD_BYTES = 8192  # what filetype reads; enough for every signature it knows


@dataclass(frozen=True)
class Sniffed:
    kind: str  # filetype's extension: "pdf", "docx", "mp3", "m4a", …
    mime: str  # the type to serve the file as


# Kinds a lesson attachment may be served as; anything else is served as a download of bytes.
ATTACHMENT_KINDS = frozenset(
    {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg", "gif", "webp", "mp3", "m4a", "ogg"}
    | {"wav", "webm", "mp4", "zip"}
)
OCTET_STREAM = "application/octet-stream"


def _head(file: IO[bytes]) -> bytes:
    file.seek(0)
    try:
        return file.read(HEAD_BYTES)
    finally:
        file.seek(0)


def _is_word_document(file: IO[bytes]) -> bool:
    """A DOCX is a zip whose listing has word/document.xml (filetype looks at the first entries only)."""
    try:
        with zipfile.ZipFile(file) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def sniff(file: IO[bytes], *, allowed: frozenset[str] | set[str]) -> Sniffed | None:
    """The file's kind if its content is one of `allowed`, else None."""
    match = filetype.guess(_head(file))
    if match is None:
        return None
    kind = match.extension
    if kind == "zip" and "docx" in allowed and _is_word_document(file):
        kind, mime = "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        mime = match.mime
    return Sniffed(kind, mime) if kind in allowed else None


def served_content_type(file: IO[bytes]) -> str:
    """The type to serve a stored attachment as: sniffed from its bytes, from the attachment allow-list."""
    found = sniff(file, allowed=ATTACHMENT_KINDS)
    return found.mime if found else OCTET_STREAM
