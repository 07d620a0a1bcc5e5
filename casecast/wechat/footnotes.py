"""External links become numbered footnotes ``[n]`` with a 参考资料 list (WeChat refuses outside links)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml.html import HtmlElement

from ..config import Config
from ..model import Source
from ..urls import case_page_url
from .sanitize import is_wechat_url
from .tree import new_element


@dataclass(frozen=True)
class Reference:
    """One entry of the 参考资料 list."""

    number: int
    title: str
    url: str

    @property
    def linkable(self) -> bool:
        """WeChat keeps links to its own articles; every other address is shown as text."""
        return is_wechat_url(self.url)


def link_target(href: str, config: Config) -> str | None:
    """The address a footnote should cite, or None when the link is shown as plain text.

    ``http(s)`` links are cited as they are; a relative link to another case (``other-case.md``)
    cites that case's page on the site; anchors, ``mailto:`` and anything else become text.
    """
    parts = urlsplit(href.strip())
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return href.strip()
    if not parts.scheme and not parts.netloc and parts.path.endswith(".md"):
        return case_page_url(config, PurePosixPath(unquote(parts.path)).stem)
    return None


class FootnoteList:
    """Numbers each distinct cited address once, in order of first appearance."""

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self._numbers: dict[str, int] = {}

    def cite(self, url: str, title: str) -> int:
        if url not in self._numbers:
            self._numbers[url] = len(self.references) + 1
            self.references.append(Reference(self._numbers[url], title or url, url))
        return self._numbers[url]

    def add_sources(self, sources: tuple[Source, ...]) -> None:
        for source in sources:
            self.cite(source.url, source.title)


def convert_links(root: HtmlElement, sources: tuple[Source, ...], config: Config) -> list[Reference]:
    """Turn every link in ``root`` into text plus a ``[n]`` marker (WeChat links stay links); return the list."""
    notes = FootnoteList()
    for link in list(root.iter("a")):
        href = link.get("href", "")
        if is_wechat_url(href):
            _keep_only_href(link)
            continue
        target = link_target(href, config)
        if target is not None:
            _add_marker(link, notes.cite(target, _link_title(link, target)))
        link.drop_tag()
    notes.add_sources(sources)
    return notes.references


def _link_title(link: HtmlElement, target: str) -> str:
    text = " ".join(link.text_content().split())
    title = (link.get("title") or "").strip()
    if text and text not in (target, link.get("href", "")):
        return text
    return title or target


def _add_marker(link: HtmlElement, number: int) -> None:
    marker = new_element("sup", f"[{number}]", "cc-fnref")
    marker.tail, link.tail = link.tail, None
    link.addnext(marker)


def _keep_only_href(link: HtmlElement) -> None:
    for name in list(link.attrib):
        if name != "href":
            del link.attrib[name]
