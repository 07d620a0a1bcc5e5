"""WeChat's limits on the rendered article, checked before anything is written.

Limits on single fields (title 32/64, digest 120, author 16) belong to the front-matter schema
(casecast/schema.py), which every case passes before it reaches a renderer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from PIL import Image, UnidentifiedImageError

from ..diagnostics import Diagnostic, error, info, warning
from .images import ArticleImage
from .article import Article

TEXT_LIMIT = 20_000  # characters
HTML_LIMIT = 1024 * 1024  # bytes
BODY_IMAGE_LIMIT = 1024 * 1024  # media/uploadimg
COVER_IMAGE_LIMIT = 10 * 1024 * 1024  # permanent image material (the cover's thumb_media_id)
IMAGE_FORMATS = ("JPEG", "PNG")


def check_articles(articles: Iterable[Article]) -> list[Diagnostic]:
    """Every WeChat limit an article breaks: errors block publishing, warnings need a look."""
    found: list[Diagnostic] = []
    for article in articles:
        found += check_size(article)
        found += check_images(article)
    return found


def check_size(article: Article) -> list[Diagnostic]:
    path, line = article.case.display_path, article.case.body_line
    found = []
    if article.text_chars > TEXT_LIMIT:
        found.append(error(path, line, 1, "WX201", f"the WeChat article has {article.text_chars:,} characters; WeChat takes at most {TEXT_LIMIT:,}: shorten the case or split it"))
    if article.html_bytes > HTML_LIMIT:
        found.append(error(path, line, 1, "WX202", f"the WeChat article is {article.html_bytes / 1024 / 1024:.2f} MB of HTML; WeChat takes under 1 MB: shorten the case or split it"))
    return found


def check_images(article: Article) -> list[Diagnostic]:
    path = article.case.display_path
    found = []
    for image in article.images:
        found += check_image_file(path, image, BODY_IMAGE_LIMIT, "image")
    for dropped in article.dropped_images:
        found.append(warning(path, dropped.line, 1, "WX303", f"image {dropped.reason}; the WeChat article shows its caption instead"))
    if article.cover is not None:
        found += check_image_file(path, article.cover, COVER_IMAGE_LIMIT, "cover")
    else:
        line = article.case.field_lines.get("cover", 1)
        found.append(info(path, line, 1, "WX304", "no cover: the WeChat draft needs a cover image; set 'cover: ../images/<name>.jpg'"))
    return found


def check_image_file(path: str, image: ArticleImage, limit: int, what: str) -> list[Diagnostic]:
    """Format (JPG/PNG, read from the file itself) and size against WeChat's upload limit."""
    found = []
    kind = image_format(image.source)
    if kind not in IMAGE_FORMATS:
        shown = kind or "not a readable image"
        found.append(warning(path, image.line, 1, "WX301", f"{what} '{image.src}' is {shown}; WeChat uploads only JPG or PNG: convert it"))
    size = image.source.stat().st_size
    if size > limit:
        found.append(warning(path, image.line, 1, "WX302", f"{what} '{image.src}' is {size / 1024 / 1024:.1f} MB; WeChat uploads at most {limit // 1024 // 1024} MB: compress it"))
    return found


def image_format(path: Path) -> str | None:
    """The image's real format (``JPEG``, ``PNG``, ``GIF``, ``WEBP`` …), or None when unreadable."""
    try:
        with Image.open(path) as img:
            return img.format
    except (UnidentifiedImageError, OSError):
        return None
