"""The preview page in headless Chromium: 复制到公众号 puts the article on the clipboard as rich HTML."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator

import lxml.html
import pytest

from casecast.wechat import build_wechat
from wechat_helpers import fixture_config, load_fixture_library, style_of

SLUG = "case-with-links-table-and-image"

pytestmark = [
    pytest.mark.browser,
]

READ_CLIPBOARD = """async () => {
  const items = await navigator.clipboard.read();
  const out = {};
  for (const item of items) for (const type of item.types) out[type] = await (await item.getType(type)).text();
  return out;
}"""


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the fixture articles and serve wechat/ on a localhost port (a secure context for the clipboard)."""
    out = tmp_path_factory.mktemp("preview") / "wechat"
    build_wechat(load_fixture_library(), fixture_config(), drafts=True, out_dir=out)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def page(preview_url: str, chromium_browser):  # noqa: ANN001, ANN201
    origin = preview_url.rsplit("/", 1)[0]
    context = chromium_browser.new_context(permissions=["clipboard-read", "clipboard-write"], base_url=origin)
    page = context.new_page()
    page.goto(preview_url)
    yield page
    context.close()


def _copied_article(page) -> tuple[lxml.html.HtmlElement, dict[str, str]]:  # noqa: ANN001
    clipboard = page.evaluate(READ_CLIPBOARD)
    assert "text/html" in clipboard, clipboard.keys()
    document = lxml.html.document_fromstring(clipboard["text/html"])
    heading_parents = [h.getparent() for h in document.iter("h2") if h.text_content() == "风险分析"]
    assert heading_parents, clipboard["text/html"][:500]
    return document, clipboard


def test_copy_button_puts_the_fragment_on_the_clipboard_as_html(page) -> None:  # noqa: ANN001
    page.click(f'button[data-target="article-{SLUG}"]')
    page.wait_for_function(f"document.querySelector('#entry-{SLUG} .status').textContent.length > 0")
    assert page.text_content(f"#entry-{SLUG} .status").startswith("已复制")
    document, clipboard = _copied_article(page)
    headings = {h.text_content(): style_of(h) for h in document.iter("h2")}
    assert list(headings) == ["案例经过", "风险分析", "消保提示"]
    assert headings["消保提示"]["border-left"] == "4px solid #c8102e"  # the inline styles travel with it
    assert "骗子说：“阿姨，您买的颈枕有质量问题，我们给您三倍理赔。”" in document.text_content()
    assert "[1] 购物平台：https://shop.example.com/help" in document.text_content()
    assert "阅读原文：https://edu.example-bank.cn/cases/case-with-links-table-and-image/" in clipboard["text/plain"]
    assert "校园贷" not in document.text_content()  # only the article whose button was clicked


def test_copy_falls_back_to_exec_command_without_clipboard_item(page) -> None:  # noqa: ANN001
    page.evaluate("() => { delete window.ClipboardItem; }")
    page.click(f'button[data-target="article-{SLUG}"]')
    page.wait_for_function(f"document.querySelector('#entry-{SLUG} .status').textContent.length > 0")
    assert "兼容模式" in page.text_content(f"#entry-{SLUG} .status")
    document, _ = _copied_article(page)
    assert "消保提示" in [h.text_content() for h in document.iter("h2")]


def test_preview_shows_each_article_at_wechat_column_width(page) -> None:  # noqa: ANN001
    widths = page.evaluate("() => [...document.querySelectorAll('.column')].map(c => c.getBoundingClientRect().width)")
    assert widths == [677, 677]
    assert page.locator("button.copy").all_text_contents() == ["复制到公众号", "复制到公众号"]
