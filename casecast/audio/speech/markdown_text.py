"""What a listener hears from a Markdown section: its text, block by block, without any markup.

The section is parsed by the same Python-Markdown (and extensions) as the website into an element
tree, and the tree is walked: headings, paragraphs, list items and table rows become utterances.
Images, code (inline and blocks), link targets, bare URLs, raw HTML tags and emoji are never read.

Tables are read row by row as "列名：值，列名：值。" (the header row is not read on its own).
Ordered list items are read with their number ("1、…"); nested lists are read in order, depth first.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from typing import Any, Iterable, Sequence

import markdown
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor

from ...markdown_config import create_markdown_from

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"pre", "code", "kbd", "hr", "img", "script", "style", "svg", "audio", "video", "iframe", "figure"}
LISTS = {"ul", "ol"}
TEXT_BLOCKS = {"p", "dt", "dd", "summary", "figcaption"}
BLOCKS = HEADINGS | LISTS | TEXT_BLOCKS | {"blockquote", "table", "div", "pre", "hr", "dl", "details", "section", "aside", "figure"}

URL = re.compile(r"(?:https?|ftp)://[^\s，。！？；、）)”\]>]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s，。！？；、）)”\]>]*", re.I)
EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U00002B00-\U00002BFF\U0001F1E6-\U0001F1FF"
    "\U0000FE00-\U0000FE0F\U0000200D\U000020E3\U000E0020-\U000E007F\U00002300-\U000023FF"
    "\U00002190-\U000021FF\U000025A0-\U000025FF\u00a9\u00ae\u2122\u3030\u303d\u3297\u3299]"
)
PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
SOFT_BREAK = re.compile(rf"(?<=[{CJK}])\s*\n\s*(?=[{CJK}])")
SPACES = re.compile(r"\s+")
CJK_GAP = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")


class _CaptureTree(Treeprocessor):
    """Keeps the finished element tree (after inline processing) for the walker."""

    def run(self, root: ET.Element) -> None:
        self.md.captured_tree = root  # type: ignore[attr-defined]


def make_markdown(extensions: Sequence[Any]) -> markdown.Markdown:
    md = create_markdown_from(extensions)
    md.treeprocessors.register(_CaptureTree(md), "casecast_capture", -100)
    return md


_local = threading.local()


def parse_markdown(text: str, extensions: Sequence[Any]) -> tuple[ET.Element, list[str]]:
    """The element tree of ``text`` and the raw HTML snippets its placeholders refer to."""
    key = repr(extensions)
    md = getattr(_local, "markdowns", {}).get(key)
    if md is None:
        md = make_markdown(extensions)
        _local.markdowns = {**getattr(_local, "markdowns", {}), key: md}
    md.reset()
    md.convert(text)
    return md.captured_tree, [str(block) for block in md.htmlStash.rawHtmlBlocks]  # type: ignore[attr-defined]


def clean_text(text: str, stash: Sequence[str] = ()) -> str:
    """Plain speakable text: raw HTML reduced to its words, URLs and emoji dropped, spaces tidied."""
    text = PLACEHOLDER.sub(lambda m: _raw_html_text(stash, int(m.group(1))), text)
    text = URL.sub("", text)
    text = EMOJI.sub("", text)
    text = SOFT_BREAK.sub("", text)
    text = CJK_GAP.sub("", SPACES.sub(" ", text)).strip()
    return re.sub(r"[（(]\s*[)）]", "", text).strip()


def _raw_html_text(stash: Sequence[str], index: int) -> str:
    if index >= len(stash) or not stash[index].strip():
        return ""
    try:
        fragment = lxml_html.fragment_fromstring(stash[index], create_parent="div")
    except Exception:  # a lone closing tag, for instance
        return ""
    for bad in fragment.xpath("//script|//style|//pre|//code"):  # fenced code is stashed as raw HTML
        bad.drop_tree()
    return fragment.text_content()


def inline_text(element: ET.Element, stash: Sequence[str]) -> str:
    """The words of an element's inline content (nested blocks excluded)."""
    return clean_text("".join(_inline_parts(element, top=True)), stash)


def _inline_parts(element: ET.Element, *, top: bool = False) -> Iterable[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not top and (tag in SKIPPED or tag in BLOCKS):
        return  # not read, or read on its own as a block
    if tag == "br":
        yield "，"
        return
    if tag == "a" and URL.fullmatch((element.text or "").strip()):
        return  # an autolink: its text is the address
    if element.text:
        yield element.text
    for child in element:
        yield from _inline_parts(child)
        if child.tail:
            yield child.tail


def read_blocks(parent: ET.Element, stash: Sequence[str]) -> list[str]:
    """Utterances of the block children of ``parent``, in reading order (inline children are the parent's)."""
    out: list[str] = []
    for child in parent:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCKS and tag not in SKIPPED:
            out += read_block(child, stash)
    return [u for u in out if u]


def read_block(element: ET.Element, stash: Sequence[str]) -> list[str]:
    tag = element.tag
    if tag in HEADINGS or tag in TEXT_BLOCKS:
        return [inline_text(element, stash)]
    if tag in LISTS:
        return read_list(element, stash)
    if tag == "table":
        return read_table(element, stash)
    return [inline_text(element, stash), *read_blocks(element, stash)]  # div, blockquote, details …


def read_list(element: ET.Element, stash: Sequence[str]) -> list[str]:
    """One utterance per item; ordered items keep their number ("1、…"); nested lists follow their item."""
    start_attr = element.get("start") or "1"
    start = int(start_attr) if start_attr.isdigit() else 1
    out: list[str] = []
    for number, item in enumerate((li for li in element if li.tag == "li"), start=start):
        first, blocks = inline_text(item, stash), read_blocks(item, stash)
        if not first and blocks:
            first, blocks = blocks[0], blocks[1:]
        out.append(f"{number}、{first}" if element.tag == "ol" and first else first)
        out += blocks
    return out


def read_table(element: ET.Element, stash: Sequence[str]) -> list[str]:
    """Row by row: "列名：值，列名：值"; a table without a header reads its cells in order."""
    header = [inline_text(th, stash) for th in element.iter("th")]
    out = []
    for row in element.iter("tr"):
        cells = [inline_text(td, stash) for td in row if td.tag == "td"]
        names = header + [""] * max(0, len(cells) - len(header))
        pairs = [f"{name}：{value}" if name else value for name, value in zip(names, cells) if value]
        if pairs:
            out.append("，".join(pairs))
    return out


def markdown_utterances(text: str, extensions: Sequence[Any]) -> list[str]:
    """The section's Markdown as a list of plain utterances (headings, paragraphs, items, rows)."""
    tree, stash = parse_markdown(text, extensions)
    return read_blocks(tree, stash)
