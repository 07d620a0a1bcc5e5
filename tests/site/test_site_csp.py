"""The Content-Security-Policy meta tag: the theme's own scripts run under it, injected ones do not."""

from __future__ import annotations

import pytest

from browser_support import serve_directory, watch_page
from site_support import PENSION, parse_html

INJECT = "() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.head.appendChild(s); return window.__injected === undefined }"


def test_every_page_starts_its_head_with_the_policy(sample_site) -> None:  # noqa: ANN001
    pages = sorted(sample_site.root.rglob("*.html"))
    assert pages
    for page in pages:
        head = parse_html(page).find("head")
        first = head[0] if head[0].tag == "meta" and head[0].get("http-equiv") else head[1]
        assert first.get("http-equiv") == "Content-Security-Policy", page
        assert "script-src 'self'" in first.get("content") and "'unsafe-inline'" not in first.get("content").split("style-src")[0]


@pytest.mark.browser
@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("path", ["index.html", f"cases/{PENSION}/index.html"])
def test_theme_scripts_run_and_injected_inline_script_is_blocked(chromium_page, sample_site, where: str, path: str) -> None:  # noqa: ANN001
    events = watch_page(chromium_page)
    if where == "http":
        with serve_directory(sample_site.root) as url:
            chromium_page.goto(url + path, wait_until="networkidle")
            blocked = chromium_page.evaluate(INJECT)
            theme_ran = chromium_page.evaluate("() => typeof __md_get === 'function' && !!document.querySelector('.md-search__input')")
    else:
        chromium_page.goto((sample_site.root / path).as_uri(), wait_until="load")
        blocked = chromium_page.evaluate(INJECT)
        theme_ran = chromium_page.evaluate("() => typeof __md_get === 'function'")
    assert theme_ran, "Material's hashed inline scripts must run"
    assert blocked, "an inline script without a hash must not run"
    policy_errors = [e for e in events.console_errors if "Content Security Policy" in e]
    assert len(policy_errors) == 1, events.console_errors  # only the injected script is refused
    assert events.page_errors == []
