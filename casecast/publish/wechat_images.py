"""Images for the WeChat API: body images must be JPG/PNG ≤ 1 MB; other formats are converted with Pillow."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

BODY_LIMIT = 1024 * 1024  #: media/uploadimg
MATERIAL_LIMIT = 10 * 1024 * 1024  #: material/add_material, type image
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class Upload:
    name: str  #: file name sent to WeChat
    data: bytes
    mime: str


class ImageRefused(Exception):
    """The image cannot be sent; the message says why (the caller adds file:line)."""


def prepare_image(source: Path, limit: int) -> Upload:
    """The file as is when it is a JPG/PNG within ``limit``; else a converted copy (PNG, or JPEG if smaller)."""
    data = source.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as img:
            kind = img.format
            if kind in _MIME and len(data) <= limit:
                return Upload(source.name, data, _MIME[kind])
            img.load()
            converted = _convert(img)
    except (UnidentifiedImageError, OSError):
        raise ImageRefused(f"'{source.name}' is not a readable image; use a JPG or PNG file") from None
    if len(converted.data) > limit:
        raise ImageRefused(f"'{source.name}' is {len(data) / 1024 / 1024:.1f} MB and still over "
                           f"{limit // 1024 // 1024} MB as {converted.mime}; make it smaller (e.g. 1080 px wide)")
    return Upload(f"{source.stem}{'.png' if converted.mime == 'image/png' else '.jpg'}", converted.data, converted.mime)


def _convert(img: Image.Image) -> Upload:
    frame = img.convert("RGBA") if img.mode in ("P", "LA", "RGBA") or "transparency" in img.info else img.convert("RGB")
    png = io.BytesIO()
    frame.save(png, "PNG", optimize=True)
    candidates = [Upload("", png.getvalue(), "image/png")]
    if frame.mode == "RGB" or frame.getextrema()[3][0] == 255:  # no transparency to lose
        jpeg = io.BytesIO()
        frame.convert("RGB").save(jpeg, "JPEG", quality=85, optimize=True)
        candidates.append(Upload("", jpeg.getvalue(), "image/jpeg"))
    return min(candidates, key=lambda c: len(c.data))
