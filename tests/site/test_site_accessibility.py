"""The sample site as its readers meet it: axe-core, touch targets, Tab order, safety first, the QR code.

axe-core is the pinned npm package in tests/node (installed by `make browser-tools`), injected into each page.
"""

from __future__ import annotations

import io
from typing import Iterator

import pytest

from browser_support import BROWSER, axe_source, axe_violations, serve_directory
from site_support import PENSION

pytestmark = BROWSER
PHONE = {"width": 390, "height": 844}
PAGE_TYPES = {
    "home": "index.html",
    "case": f"cases/{PENSION}/index.html",
    "categories": "categories/index.html",
    "category": "categories/telecom-fraud/index.html",
    "audience": "audiences/elderly/index.html",
    "tags": "tags.html",
    "episodes": "episodes.html",
    "transcript": f"cases/{PENSION}/transcript.html",
}
#: Interactive elements a finger must hit, visible ones only, except links inside running text (WCAG 2.5.8 "inline").
SMALL_TARGETS = """() => Array.from(document.querySelectorAll('a[href], button, input, select, summary, label[for]'))
  .filter(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .filter(e => !(e.tagName === 'A' && e.parentElement.textContent.trim().length > e.textContent.trim().length + 2
                 && getComputedStyle(e).display === 'inline'))
  .map(e => (e.tagName === 'INPUT' && e.closest('label')) || e)  // a wrapped input's target is its whole label
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width > 0 && r.height > 0 && (r.width < 44 || r.height < 44))
  .map(([e, r]) => `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)"""


@pytest.fixture(scope="module")
def base_url(sample_site) -> Iterator[str]:  # noqa: ANN001
    with serve_directory(sample_site.root) as url:
        yield url


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture
def phone_page(chromium_browser) -> Iterator:  # noqa: ANN001
    context = chromium_browser.new_context(viewport=PHONE, locale="zh-CN", has_touch=True, is_mobile=True, device_scale_factor=1)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(chromium_page, phone_page, base_url: str, axe: str, kind: str) -> None:  # noqa: ANN001
    found = []
    for page in (chromium_page, phone_page):
        page.goto(base_url + PAGE_TYPES[kind], wait_until="load")
        found += axe_violations(page, axe)
    assert found == []


def test_axe_finds_no_violations_in_high_contrast_and_extra_large_text(chromium_page, base_url: str, axe: str) -> None:
    chromium_page.goto(base_url + PAGE_TYPES["case"])
    chromium_page.get_by_role("button", name="特大字").click()
    chromium_page.get_by_role("button", name="高对比度").click()
    assert axe_violations(chromium_page, axe) == []


def test_axe_catches_the_nameless_search_dialog(chromium_page, base_url: str, axe: str) -> None:
    """The check itself can fail: without casecast's fix, Material's search dialog has no accessible name."""
    chromium_page.goto(base_url + PAGE_TYPES["home"], wait_until="load")
    chromium_page.evaluate("() => document.querySelector('.md-search').removeAttribute('aria-label')")
    assert any(v.startswith("aria-dialog-name") for v in axe_violations(chromium_page, axe))


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_touch_targets_are_at_least_44_px_on_a_phone(phone_page, base_url: str, kind: str) -> None:  # noqa: ANN001
    phone_page.goto(base_url + PAGE_TYPES[kind], wait_until="load")
    assert phone_page.evaluate(SMALL_TARGETS) == []


def test_every_tab_stop_is_visible_and_the_skip_link_shows(chromium_page, base_url: str) -> None:
    chromium_page.goto(base_url + PAGE_TYPES["case"], wait_until="load")
    chromium_page.keyboard.press("Tab")
    chromium_page.wait_for_timeout(400)  # Material fades the skip link in
    skip = chromium_page.evaluate("() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
                                  " return [e.className, getComputedStyle(e).opacity, r.height]; }")
    assert "md-skip" in skip[0] and float(skip[1]) == 1 and skip[2] >= 44
    for _ in range(12):
        chromium_page.keyboard.press("Tab")
        box = chromium_page.evaluate("() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
                                     " return [e.tagName + '.' + e.className, r.width, r.height,"
                                     " e.checkVisibility({opacityProperty: true, visibilityProperty: true})]; }")
        assert box[1] > 0 and box[2] > 0 and box[3], f"invisible focus stop: {box}"


def test_page_language_is_simplified_chinese(chromium_page, base_url: str) -> None:
    chromium_page.goto(base_url + PAGE_TYPES["home"])
    assert chromium_page.get_attribute("html", "lang") in {"zh", "zh-CN"}


def test_tips_are_within_the_first_one_and_a_half_screens_on_a_phone(phone_page, base_url: str, sample_site) -> None:  # noqa: ANN001
    for case in sample_site.library.public():
        phone_page.goto(base_url + f"cases/{case.slug}/index.html", wait_until="load")
        top = phone_page.evaluate("() => document.querySelector('.cc-tips').getBoundingClientRect().top + scrollY")
        assert top < 1.5 * PHONE["height"], f"{case.slug}: 消保提示 starts at {top:.0f} px"
        assert phone_page.locator("#tips").is_visible()


def test_tips_box_uses_our_colour_with_enough_contrast(chromium_page, base_url: str) -> None:
    chromium_page.goto(base_url + PAGE_TYPES["case"])
    colour = chromium_page.evaluate("() => getComputedStyle(document.querySelector('.cc-tips')).borderLeftColor")
    assert colour == "rgb(0, 105, 92)"  # #00695c: 6.4:1 on white (Material's #00bfa5 is 2.3:1)


def test_hotline_numbers_are_tap_to_call_near_the_top_of_the_home_page(phone_page, base_url: str, sample_site) -> None:  # noqa: ANN001
    phone_page.goto(base_url + PAGE_TYPES["home"])
    calls = phone_page.eval_on_selector_all(".cc-help a[href^='tel:']", "links => links.map(a => a.getAttribute('href'))")
    assert calls == ["tel:110", "tel:96110", f"tel:{sample_site.config.hotline}"]
    assert phone_page.evaluate("() => document.querySelector('.cc-help').getBoundingClientRect().top") < PHONE["height"]


def test_qr_code_decodes_to_the_case_public_url(chromium_page, base_url: str, sample_site) -> None:  # noqa: ANN001
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is a test dependency (pip install -e '.[test]')")
    from PIL import Image

    chromium_page.goto(base_url + PAGE_TYPES["case"])
    image = Image.open(io.BytesIO(chromium_page.locator(".cc-qr svg").screenshot()))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{sample_site.config.site_url}cases/{PENSION}/"]
