"""Lists at most two levels deep: deeper levels become indented lines with visible markers.

WeChat's editor collapses lists nested more than two levels, so the third level and below are
rewritten as paragraphs that start with their own marker (◦ ▪ or ``1)``).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .tree import BLOCK_TAGS, new_element

LIST_TAGS = ("ul", "ol")
MAX_DEPTH = 2
BULLETS = {3: "◦", 4: "▪"}  # deeper levels reuse ▪


def list_depth(element: HtmlElement) -> int:
    """How many lists enclose ``element``, counting itself when it is a list."""
    depth = 1 if element.tag in LIST_TAGS else 0
    return depth + sum(1 for ancestor in element.iterancestors() if ancestor.tag in LIST_TAGS)


def flatten_deep_lists(root: HtmlElement) -> None:
    """Replace every list deeper than two levels with marked, indented lines."""
    for lst in [el for el in root.iter(*LIST_TAGS) if list_depth(el) == MAX_DEPTH + 1]:
        block = flatten_list(lst, MAX_DEPTH + 1)
        block.tail = lst.tail
        lst.getparent().replace(lst, block)


def flatten_list(lst: HtmlElement, level: int) -> HtmlElement:
    """A ``<section>`` of one paragraph per item (and its nested items, flattened further)."""
    block = new_element("section", css_class="cc-flat-list")
    start = _start(lst)
    for index, item in enumerate(lst.iterchildren("li")):
        marker = f"{start + index}) " if lst.tag == "ol" else f"{BULLETS.get(level, BULLETS[4])} "
        for part in _item_parts(item, marker, level):
            block.append(part)
    return block


def _start(lst: HtmlElement) -> int:
    try:
        return int(lst.get("start", "1"))
    except ValueError:
        return 1


def _item_parts(item: HtmlElement, marker: str, level: int) -> list[HtmlElement]:
    """The item's own line, then any blocks it holds (nested lists flattened one level deeper)."""
    line = new_element("p", marker + (item.text or "").lstrip(), "cc-flat-item")
    line.set("style", f"margin-left: {level - MAX_DEPTH}em")
    parts = [line]
    for child in list(item):
        if child.tag in LIST_TAGS:
            parts.append(flatten_list(child, level + 1))
        elif child.tag == "p" and len(parts) == 1 and _is_empty(line, marker):
            _merge_paragraph(line, child)
        elif child.tag in BLOCK_TAGS:
            child.tail = None
            parts.append(child)
        else:
            line.append(child)  # inline content moves with its tail
    return parts


def _is_empty(line: HtmlElement, marker: str) -> bool:
    return len(line) == 0 and (line.text or "").strip() == marker.strip()


def _merge_paragraph(line: HtmlElement, paragraph: HtmlElement) -> None:
    line.text = (line.text or "") + (paragraph.text or "")
    for child in list(paragraph):
        line.append(child)

