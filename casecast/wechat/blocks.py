"""Block rewrites WeChat needs: no repeated title, scrollable tables, code that keeps its spaces."""

from __future__ import annotations

from lxml.html import HtmlElement

from .tree import new_element

NBSP = "\u00a0"


def drop_title(root: HtmlElement, title: str) -> None:
    """Remove an ``<h1>`` that repeats the title (WeChat shows the title above the article)."""
    wanted = " ".join(title.split())
    for heading in list(root.iter("h1")):
        if " ".join(heading.text_content().split()) == wanted:
            heading.drop_tree()


def divs_to_sections(root: HtmlElement) -> None:
    """WeChat's editor works in ``<section>`` blocks; admonitions and HTML blocks arrive as ``<div>``."""
    for div in root.iter("div"):
        div.tag = "section"


def wrap_tables(root: HtmlElement) -> None:
    """Put each table in a block that scrolls sideways on a phone."""
    for table in list(root.iter("table")):
        wrapper = new_element("section", css_class="cc-table-wrap")
        wrapper.tail, table.tail = table.tail, None
        table.getparent().replace(table, wrapper)
        wrapper.append(table)


def preserve_code_spacing(root: HtmlElement) -> None:
    """WeChat drops plain spaces and newlines in code: use no-break spaces and ``<br>``."""
    for pre in root.iter("pre"):
        code = pre.find("code")
        holder = code if code is not None else pre
        lines = holder.text_content().rstrip("\n").split("\n")
        for child in list(holder):
            holder.remove(child)
        holder.text = _keep_spaces(lines[0])
        for line in lines[1:]:
            br = new_element("br")
            br.tail = _keep_spaces(line)
            holder.append(br)


def _keep_spaces(line: str) -> str:
    return line.expandtabs(4).replace(" ", NBSP)
