"""Headless Chromium for browser tests, shared by every area (import what you need).

    from browser_support import chromium_browser, chromium_page, serve_directory, watch_page

Tests using ``chromium_browser`` / ``chromium_page`` are skipped with a clear message when
``/usr/bin/chromium`` (Debian's ``chromium`` package) or playwright is missing. Mark browser
test modules with ``pytestmark = BROWSER`` so ``-m "not browser"`` deselects them.
"""

from __future__ import annotations

import functools
import os
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = "headless Chromium is not installed at /usr/bin/chromium (apt-get install chromium); browser tests skipped"
BROWSER = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class PageEvents:
    """What a page did: console errors, failed requests and every URL it requested."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests to any origin other than ``origin`` (``scheme://host:port``; ``file://`` for folders)."""
        own = urlsplit(origin)
        return [u for u in self.requests if (urlsplit(u).scheme, urlsplit(u).netloc) != (own.scheme, own.netloc) and not u.startswith(("data:", "blob:", "about:"))]


def watch_page(page: Any) -> PageEvents:
    """Start recording a Playwright page's console errors, failed requests and requests."""
    events = PageEvents()
    page.on("console", lambda m: events.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: events.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: events.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("request", lambda r: events.requests.append(r.url))
    return events


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium for the session; skips when it or playwright is missing."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # CI installs it (.ci/run): a missing browser there is a failure, not a skip
            pytest.fail(MISSING.replace("skipped", "required in CI"))
        pytest.skip(MISSING)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; browser tests skipped")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def chromium_page(chromium_browser: Any) -> Iterator[Any]:
    """A fresh page (own context: no shared storage) at 1280×900; closed after the test."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
