"""Small helpers for editing the parsed article (an lxml.html tree)."""

from __future__ import annotations

from html import escape

import lxml.html
from lxml.html import HtmlElement

#: Elements that start a block of their own (each one gets an inline style in the article).
BLOCK_TAGS: frozenset[str] = frozenset(
    "section div p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre table caption thead tbody tfoot tr th td "
    "figure figcaption hr dl dt dd".split()
)


def new_element(tag: str, text: str | None = None, css_class: str | None = None) -> HtmlElement:
    element = lxml.html.Element(tag)
    if text:
        element.text = text
    if css_class:
        element.set("class", css_class)
    return element


def parse_fragment(html: str) -> HtmlElement:
    """Parse HTML into a ``<section>`` holding it (so any mix of blocks and text has one root)."""
    return lxml.html.fragment_fromstring(html, create_parent="section")


def serialize_children(root: HtmlElement) -> str:
    """The HTML inside ``root`` (its leading text and every child)."""
    parts = [escape(root.text, quote=False)] if root.text and root.text.strip() else []
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts)


def is_blank(text: str | None) -> bool:
    return not text or not text.strip()


def visible_text(root: HtmlElement) -> str:
    """The text a reader sees, one line per block, whitespace collapsed inside each line."""
    lines: list[str] = []
    current: list[str] = []

    def walk(element: HtmlElement) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            current.append(element.tail or "")
            return
        block = element.tag in BLOCK_TAGS or element.tag == "br"
        if block:
            _flush(lines, current)
        current.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            _flush(lines, current)
        current.append(element.tail or "")

    walk(root)
    _flush(lines, current)
    return "\n".join(lines)


def _flush(lines: list[str], current: list[str]) -> None:
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    current.clear()
