"""Checks of the documents joined to an application: how many, how big, and what they really
are (the bytes, not the name or the browser's content type). Images are re-encoded (no
metadata, no payload hidden after the picture); PDFs must parse."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_DOCUMENTS = 5
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


class DocumentRefused(ValueError):
    def __init__(self, reason_fr: str, reason_en: str) -> None:
        super().__init__(reason_fr)
        self.reason_fr, self.reason_en = reason_fr, reason_en


@dataclass(frozen=True)
class CheckedDocument:
    content: ContentFile[bytes]
    original_name: str
    content_type: str
    size: int


def _clean_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    return base[:200]


def _reencode_image(data: bytes) -> tuple[bytes, str, str]:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise DocumentRefused("image trop grande.", "image too large.")
            image.load()
            out = io.BytesIO()
            if image.format == "PNG":
                image.save(out, format="PNG", optimize=True)
                return out.getvalue(), "image/png", "png"
            image.convert("RGB").save(out, format="JPEG", quality=88)
            return out.getvalue(), "image/jpeg", "jpg"
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise DocumentRefused("image illisible.", "unreadable image.") from error


def document_check(upload: IO[bytes], name: str, size: int | None) -> CheckedDocument:
    """One uploaded file, checked: a PDF that parses, or a PNG / JPEG re-encoded."""
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise DocumentRefused("plus de 5 Mo.", "over 5 MB.")
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentRefused("plus de 5 Mo.", "over 5 MB.")
    if not data:
        raise DocumentRefused("fichier vide.", "empty file.")
    original = _clean_name(name)
    stem = original.rsplit(".", 1)[0] if "." in original else original
    if data.startswith(b"%PDF-"):
        try:
            PdfReader(io.BytesIO(data)).pages[0]
        except (PdfReadError, IndexError, ValueError, KeyError, TypeError) as error:
            raise DocumentRefused("PDF illisible.", "unreadable PDF.") from error
        return CheckedDocument(
            ContentFile(data, name=f"{stem}.pdf"), original, "application/pdf", len(data)
        )
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        encoded, content_type, extension = _reencode_image(data)
        return CheckedDocument(
            ContentFile(encoded, name=f"{stem}.{extension}"), original, content_type, len(encoded)
        )
    raise DocumentRefused(
        "seuls les PDF, PNG et JPEG sont acceptés.", "only PDF, PNG and JPEG files are accepted."
    )
