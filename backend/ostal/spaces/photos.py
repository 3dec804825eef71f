"""Checking and re-encoding a place's photo before it is stored.

An upload is never stored as sent: Pillow decodes it (so a file that only claims to be an image
is refused), the orientation recorded by the camera is applied, the picture is scaled down to
at most `MAX_SIDE` pixels and written again as a JPEG. Re-encoding drops every metadata block
(EXIF, GPS position, maker notes) and any payload hidden after the image data, and gives every
photo the same, predictable weight on the public page.

The stored name is random (`spaces/<year>/<token>.jpg`, the year from `upload_to`): nothing of
the uploader's file name is kept, and the address of a draft place's photo cannot be guessed.
The public directory lists photos of published places only (`Space.objects.published()`), so a
draft's photos are shown to its managers and the network alone until the place is published
(ADR 0018).
"""

from __future__ import annotations

import io
import secrets
from typing import IO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from ostal.spaces.errors import SpaceError, SpaceErrorCode

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
MAX_PHOTOS_PER_PLACE = 12
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
JPEG_QUALITY = 85


def photo_reencode(upload: IO[bytes], *, size: int | None = None) -> ContentFile[bytes]:
    """Return the upload as a fresh JPEG under a random name, or raise SpaceError on `image`.

    Refuses: more than MAX_UPLOAD_BYTES, anything Pillow cannot decode or that is not JPEG,
    PNG or WebP, more than MAX_PIXELS (checked from the header, before decoding: a
    decompression bomb is never expanded).
    """
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_UPLOAD_BYTES:
        raise SpaceError(SpaceErrorCode.PHOTO_TOO_LARGE)
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise SpaceError(SpaceErrorCode.PHOTO_NOT_AN_IMAGE)
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise SpaceError(SpaceErrorCode.PHOTO_TOO_MANY_PIXELS)
            probe.verify()  # a truncated or corrupt file stops here
        upload.seek(0)
        with Image.open(upload) as source:
            source.load()
            picture = ImageOps.exif_transpose(source)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as exc:
        raise SpaceError(SpaceErrorCode.PHOTO_NOT_AN_IMAGE) from exc
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        background = Image.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
        picture = background
    else:
        picture = picture.convert("RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"{secrets.token_urlsafe(18)}.jpg")
