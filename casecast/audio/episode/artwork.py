"""Cover art: the series artwork for the feed (checked against Apple's rules) and small covers for ID3."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ...writer import FileSet

COVER_SIZE = 600  #: ID3 covers are scaled down to this many pixels a side
FEED_MIN, FEED_MAX = 1400, 3000


def id3_cover(path: Path) -> tuple[bytes, str] | None:
    """A JPEG of at most 600×600 px made from ``path``, or None when it is not a readable image."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _id3_cover(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _id3_cover(path: Path, mtime_ns: int, size: int) -> tuple[bytes, str] | None:
    try:
        with Image.open(path) as image:
            image = image.convert("RGB")
            image.thumbnail((COVER_SIZE, COVER_SIZE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return out.getvalue(), "image/jpeg"


def artwork_problems(path: Path) -> list[str]:
    """What keeps ``path`` from being podcast artwork (Apple: 1400–3000 px square JPG/PNG in RGB)."""
    if path.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
        return [f"{path.name}: podcast artwork must be a .png or .jpg file"]
    try:
        with Image.open(path) as image:
            width, height, mode = image.width, image.height, image.mode
    except (OSError, UnidentifiedImageError):
        return [f"{path.name}: not a readable image"]
    problems = []
    if width != height or not FEED_MIN <= width <= FEED_MAX:
        problems.append(f"{path.name}: podcast artwork should be square, {FEED_MIN}–{FEED_MAX} px (it is {width}×{height})")
    if mode not in {"RGB", "P", "L"}:
        problems.append(f"{path.name}: podcast artwork should be RGB without transparency (it is {mode})")
    return problems


def publish_artwork(path: Path, files: FileSet) -> str:
    """Stage the series artwork next to the feed (``audio/artwork.png``); returns its file name."""
    name = "artwork" + (".jpg" if path.suffix.lower() in {".jpg", ".jpeg"} else ".png")
    files.write(name, path.read_bytes())
    return name
