"""The built site as files to upload: each with its key, hashes, Content-Type, Cache-Control and upload tier."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from .marker import BUILD_MARKER

FEED_PATH = "audio/feed.xml"
LONG_CACHE = "public, max-age=31536000, immutable"  #: file names carrying a content hash
AUDIO_CACHE = "public, max-age=2592000"  #: MP3s: 30 days
ASSET_CACHE = "public, max-age=86400"  #: other assets: a day
SHORT_CACHE = "public, max-age=300"  #: HTML, the feed, indexes: five minutes

#: Upload order: new assets before the pages that link to them, case pages before the index pages
#: that list them, search index and sitemap next, the feed last.
TIER_ASSET, TIER_CASE_PAGE, TIER_PAGE, TIER_INDEX, TIER_FEED = range(5)

_TYPES = {
    ".html": "text/html; charset=utf-8", ".vtt": "text/vtt; charset=utf-8", ".mp3": "audio/mpeg",
    ".json": "application/json; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".woff": "font/woff", ".gz": "application/gzip", ".map": "application/json; charset=utf-8",
}
_HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?[a-z0-9]+$")


@dataclass(frozen=True)
class SiteFile:
    path: str  #: relative to site/, with "/"
    source: Path
    size: int
    md5: str  #: hex; what S3 reports as the ETag of a single-part upload
    content_type: str
    cache_control: str
    tier: int


def content_type(path: str) -> str:
    if path == FEED_PATH:
        return "application/rss+xml; charset=utf-8"
    suffix = Path(path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def cache_control(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".xml", ".json") or path.endswith(".xml.gz"):
        return SHORT_CACHE
    if _HASHED.search(Path(path).name):
        return LONG_CACHE
    return AUDIO_CACHE if suffix == ".mp3" else ASSET_CACHE


def upload_tier(path: str) -> int:
    if path == FEED_PATH:
        return TIER_FEED
    if path.endswith(".html"):
        return TIER_CASE_PAGE if path.startswith("cases/") else TIER_PAGE
    if path.startswith("search/") or path.startswith("sitemap.xml"):
        return TIER_INDEX
    return TIER_ASSET


def file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def list_site_files(site_dir: Path) -> list[SiteFile]:
    """Every file of the built site, in upload order (the build marker is not published)."""
    files = []
    for source in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        path = source.relative_to(site_dir).as_posix()
        if path == BUILD_MARKER:
            continue
        files.append(SiteFile(path, source, source.stat().st_size, file_md5(source), content_type(path),
                              cache_control(path), upload_tier(path)))
    return sort_for_upload(files)


def sort_for_upload(files: list[SiteFile]) -> list[SiteFile]:
    """Tier by tier; within pages, deeper pages first (they are linked from shallower ones)."""
    return sorted(files, key=lambda f: (f.tier, -f.path.count("/"), f.path))
