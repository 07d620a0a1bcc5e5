"""Headless Chromium for browser tests, shared by every area (import what you need).

    from browser_support import chromium_browser, chromium_page, serve_directory, watch_page

Tests using ``chromium_browser`` / ``chromium_page`` are skipped with a clear message when
``/usr/bin/chromium`` (Debian's ``chromium`` package) or playwright is missing, except under
``CI=true``, where ``.ci/run`` installs both: there every browser test fails instead. Mark browser
test modules with ``pytestmark = BROWSER`` so ``-m "not browser"`` deselects them.
"""

from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from casecast.site.static_server import SiteRequestHandler, SiteServer

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


def in_ci() -> bool:
    """``CI`` set to anything but an empty string, ``0`` or ``false`` (GitHub Actions and .ci/run set ``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_browser() -> None:
    """Skip (on a developer's machine) or fail (in CI) when Chromium or playwright is missing."""
    problem = None if CHROMIUM.exists() else MISSING
    if problem is None:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed (pip install -e '.[test]'); browser tests skipped"
    if problem is None:
        return
    if in_ci():  # CI installs both (.ci/run): a missing browser there is a failure, never a skip
        pytest.fail(problem.replace("skipped", "required in CI"), pytrace=False)
    pytest.skip(problem)


@pytest.fixture(autouse=False)
def _browser_required() -> None:
    require_browser()


#: ``pytestmark = BROWSER``: marks a module's tests and checks for Chromium before each one, so that
#: no test of the module can skip past the CI guard (a ``skipif`` mark would run before it).
BROWSER = [pytest.mark.browser, pytest.mark.usefixtures("_browser_required")]


@contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread, as ``serve --built`` does (charsets, byte
    ranges); yields the base URL ending in ``/``."""
    handler = functools.partial(SiteRequestHandler, directory=str(folder))
    server = SiteServer(("127.0.0.1", 0), handler)
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
    """One headless Chromium for the session; skips (fails in CI) when it or playwright is missing."""
    require_browser()
    import playwright.sync_api as sync_api
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


#: Pinned npm tools (axe-core, lighthouse) installed by `make browser-tools` into a git-ignored folder.
NODE_TOOLS = Path(__file__).resolve().parent / "node" / "node_modules"
AXE_SCRIPT = NODE_TOOLS / "axe-core" / "axe.min.js"


def axe_source() -> str:
    """axe-core's script, to inject into a page; skips (fails in CI) when `make browser-tools` has not run."""
    if not AXE_SCRIPT.is_file():
        problem = f"{AXE_SCRIPT} is missing: run `make browser-tools` (npm ci in tests/node); accessibility tests skipped"
        if in_ci():
            pytest.fail(problem.replace("skipped", "required in CI"), pytrace=False)
        pytest.skip(problem)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Any, source: str) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on ``page``; one line per violation and node."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)  # evaluated by the test driver, not as an inline <script>: the site's CSP refuses those
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(n['target'][0] if isinstance(n['target'][0], str) else str(n['target']) for n in [node])}"
        for v in result["violations"]
        for node in v["nodes"]
    ]
