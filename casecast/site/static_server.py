"""Serving the built ``site/`` as it is: for a lobby screen's own server, or to look at a finished build.

Python's ``http.server`` alone gets two things wrong for this site: it sends ``.vtt`` and other text
without a charset (Chinese captions show as mojibake) and it ignores ``Range`` requests (browsers cannot
seek in an episode, so read-along clicks do nothing). This server uses the same Content-Types as
``publish`` (UTF-8 for every text type) and answers single byte ranges with 206 Partial Content.

Text (HTML, CSS, JavaScript, JSON, VTT, XML, SVG) goes out gzip-compressed to a browser that accepts it, as
any production host sends it: Material's stylesheet is 137 KB as a file and 23 KB compressed, and on a
phone's connection those bytes are what delays the first paint. Compressed bodies are kept per file (path,
size, mtime), so each file is compressed once.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import BuildError
from ..publish.site_files import content_type

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml", "image/svg+xml")
QUALITY = re.compile(r"q\s*=\s*([0-9.]+)")
MIN_COMPRESSED = 1024  #: smaller files go as they are (the gzip header would eat most of the gain)


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Static files of one folder, with charsets and byte ranges."""

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return content_type(Path(path).name)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        wanted = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"  # what the base class serves for a folder
        if not wanted and accepts_gzip(self.headers.get("Accept-Encoding", "")) and is_compressible(self.guess_type(path)):
            compressed = self.send_compressed(path)
            if compressed is not None:
                return compressed
        if not wanted or not RANGE.match(wanted.strip()) or not path.is_file():
            return super().send_head()  # no range, or one we do not serve (several at once): the whole file
        info = path.stat()
        size = info.st_size
        span = byte_range(wanted, size)
        if span is None:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        start, end = span
        with path.open("rb") as data:
            data.seek(start)
            body = data.read(end - start + 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(info.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_compressed(self, path: Path) -> BinaryIO | None:
        """Send the head of ``path`` gzip-compressed and return its body, or None to send it as it is."""
        try:
            info = path.stat()
        except OSError:
            return None  # missing: the base class answers 404
        if not stat.S_ISREG(info.st_mode) or info.st_size < MIN_COMPRESSED:
            return None
        body = _compressed(path, info.st_mtime_ns, info.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(info.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the command prints its address; errors reach the browser


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header admits gzip (by name or ``*``, with a quality above 0)."""
    for offer in accept_encoding.split(","):
        name, _, params = offer.partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = QUALITY.search(params)
            return quality is None or float(quality.group(1)) > 0
    return False


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


@lru_cache(maxsize=2048)
def _compressed(path: Path, mtime_ns: int, size: int) -> bytes:
    """``path`` gzip-compressed (level 6, no time stamp, so the bytes repeat), once per version of the file."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class SiteServer(ThreadingHTTPServer):
    """A threading server that takes a browser's closed connection calmly (it stops reading media it has
    the metadata of, or a page left early); other errors are printed as usual."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """``(first, last)`` byte of a single ``Range: bytes=…`` header, or None when it cannot be satisfied
    (the caller sends a header that does not match :data:`RANGE` the whole file instead)."""
    match = RANGE.match(header.strip())
    if match is None or size == 0 or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        return max(0, size - int(last)), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end else None


def make_site_server(site_dir: Path, host: str, port: int) -> SiteServer:
    """A server for ``site_dir`` (not started); refuses when there is no built site."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"{site_dir}: no built site here; run `python build.py` (or `python build.py site`) first")
    try:
        return SiteServer((host, port), partial(SiteRequestHandler, directory=str(site_dir)))
    except OSError as exc:
        raise BuildError(f"{host}:{port}: cannot listen ({exc.strerror}); choose another --port") from None


def serve_built_site(site_dir: Path, host: str, port: int) -> None:
    """Serve ``site_dir`` until interrupted."""
    with make_site_server(site_dir, host, port) as server:
        server.serve_forever()
