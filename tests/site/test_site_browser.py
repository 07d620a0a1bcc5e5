"""The built sample site in headless Chromium: served on 127.0.0.1, and opened from a folder."""

from __future__ import annotations

from typing import Iterator

import pytest

from browser_support import BROWSER, serve_directory, watch_page
from site_support import CAMPUS, PENSION

pytestmark = BROWSER
SEARCH_RESULT = ".md-search-result__item a.md-search-result__link"


@pytest.fixture(scope="module")
def base_url(sample_site) -> Iterator[str]:  # noqa: ANN001
    with serve_directory(sample_site.root) as url:
        yield url


def search(page, query: str, expected_href: str) -> list[str]:  # noqa: ANN001
    """Type ``query`` into the search box and wait until a result links to ``expected_href``."""
    page.click("label.md-search__icon[for='__search'], .md-search__input")
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=50)  # Chinese text arrives as input events, as from an IME
    box.press("End")  # the key-up an IME commit ends with; Material's search listens for key-ups
    page.wait_for_selector(f"{SEARCH_RESULT}[href*='{expected_href}']", timeout=15_000)
    return page.eval_on_selector_all(SEARCH_RESULT, "links => links.map(a => a.getAttribute('href'))")


def test_home_page_loads_cleanly_without_other_origins(chromium_page, base_url: str) -> None:
    events = watch_page(chromium_page)
    chromium_page.goto(base_url + "index.html", wait_until="networkidle")
    assert chromium_page.locator("h1").first.inner_text().startswith("以案说险")
    assert events.console_errors == [] and events.page_errors == []
    assert events.failed_requests == []
    assert events.foreign_requests(base_url) == []
    assert any(u.endswith("search/search_index.json") for u in events.requests), "search loaded"


def test_case_page_shows_title_badges_and_three_sections(chromium_page, base_url: str, sample_site) -> None:  # noqa: ANN001
    case = sample_site.library.by_slug(PENSION)
    events = watch_page(chromium_page)
    chromium_page.goto(base_url + f"cases/{PENSION}/index.html", wait_until="networkidle")
    article = chromium_page.locator("article.md-content__inner")
    assert article.locator("h1").inner_text() == case.title
    assert article.locator("a.cc-badge--category").inner_text() == sample_site.library.taxonomy.categories[case.category].label
    assert article.locator("a.cc-badge--audience").count() == len(case.audiences)
    for key, heading in (("story", "案例经过"), ("analysis", "风险分析"), ("tips", "消保提示")):
        section = article.locator(f"h2#{key}")
        assert section.is_visible() and section.inner_text() == heading
    assert article.locator(".cc-tips.admonition").is_visible()
    # Chromium stops reading the MP3 once it has the metadata (player.js preloads it): an aborted request, not a failure.
    failed = [r for r in events.failed_requests if not (".mp3 " in r and "ERR_ABORTED" in r)]
    assert events.console_errors == [] and failed == [] and events.foreign_requests(base_url) == []


def test_audio_player_loads_the_published_mp3(chromium_page, base_url: str) -> None:
    chromium_page.goto(base_url + f"cases/{PENSION}/index.html", wait_until="networkidle")
    duration = chromium_page.eval_on_selector(
        "audio",
        """audio => new Promise((resolve, reject) => {
            audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
            audio.addEventListener('error', () => reject(new Error('cannot play ' + audio.currentSrc)));
            audio.load();
        })""",
    )
    assert duration == pytest.approx(1.5, abs=0.2)


@pytest.mark.parametrize(("query", "slug"), [("养老", PENSION), ("校园贷", CAMPUS)])
def test_typing_in_the_search_box_finds_the_case(chromium_page, base_url: str, query: str, slug: str) -> None:
    events = watch_page(chromium_page)
    chromium_page.goto(base_url + "index.html", wait_until="networkidle")
    links = search(chromium_page, query, f"cases/{slug}/index.html")
    assert links[0].startswith(f"{base_url}cases/{slug}/index.html") or links[0].startswith(f"cases/{slug}/")
    assert events.console_errors == [] and events.foreign_requests(base_url) == []


def test_each_category_page_lists_exactly_its_own_cases(chromium_page, base_url: str, sample_site) -> None:  # noqa: ANN001
    for key in sample_site.library.taxonomy.categories:
        chromium_page.goto(base_url + f"categories/{key}/index.html")
        hrefs = chromium_page.eval_on_selector_all(
            "article .cc-case__title a", "links => links.map(a => new URL(a.href).pathname)"
        )
        expected = [f"/cases/{c.slug}/index.html" for c in sample_site.library.public() if c.category == key]
        assert hrefs == expected, key


def test_site_opened_from_a_folder_searches_without_any_network(chromium_page, sample_site) -> None:  # noqa: ANN001
    """A kiosk opens site/index.html from disk: search still works, through casecast's worker shim."""
    events = watch_page(chromium_page)
    home = (sample_site.root / "index.html").as_uri()
    chromium_page.goto(home, wait_until="load")
    links = search(chromium_page, "养老", f"cases/{PENSION}/index.html")
    assert any(f"cases/{PENSION}/index.html" in link for link in links)
    assert [u for u in events.requests if not u.startswith("file://")] == []
    assert events.console_errors == [] and events.page_errors == []
    chromium_page.click(f"{SEARCH_RESULT}[href*='cases/{PENSION}/index.html']")
    chromium_page.wait_for_url(f"**/cases/{PENSION}/index.html*")
    assert chromium_page.locator("h2#tips").is_visible()


def test_reading_tools_enlarge_text_and_remember_the_choice(chromium_page, base_url: str) -> None:
    chromium_page.goto(base_url + f"cases/{PENSION}/index.html")
    size = "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"
    normal = chromium_page.evaluate(size)
    assert normal >= 18
    chromium_page.get_by_role("button", name="大字", exact=True).click()
    assert chromium_page.evaluate(size) >= 24
    chromium_page.get_by_role("button", name="高对比度").click()
    chromium_page.goto(base_url + "index.html")
    assert chromium_page.evaluate(size) >= 24
    assert chromium_page.get_attribute("html", "data-cc-contrast") == "high"
    assert chromium_page.get_by_role("button", name="高对比度").get_attribute("aria-pressed") == "true"
