"""Allowlist sanitising with nh3, before the tree is transformed and again on the finished fragment."""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

WECHAT_HOST = "mp.weixin.qq.com"

#: Elements a WeChat article may hold (the editor keeps these; ``section`` is its usual block).
ARTICLE_TAGS: frozenset[str] = frozenset(
    "section p span strong em b i u s del ins mark small sup sub br hr h1 h2 h3 h4 h5 h6 "
    "ul ol li blockquote pre code kbd q abbr table caption thead tbody tfoot tr th td "
    "figure figcaption img a dl dt dd".split()
)

#: Elements that go with their content (never just unwrapped).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    "script style iframe frame frameset object embed applet noscript template textarea select svg math".split()
)

#: CSS properties the theme uses; anything else in a ``style`` attribute is dropped.
STYLE_PROPERTIES: frozenset[str] = frozenset(
    """margin margin-top margin-right margin-bottom margin-left padding padding-top padding-right
    padding-bottom padding-left color background-color border border-top border-right border-bottom
    border-left border-radius border-collapse font-size font-weight font-style font-family line-height
    letter-spacing text-align text-indent text-decoration word-break overflow-wrap white-space display
    overflow-x max-width width min-width height vertical-align box-sizing list-style-type
    list-style-position""".split()
)

_CELL = {"colspan", "rowspan", "style"}
_MARKDOWN_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": _CELL,
    "td": _CELL,
    "ol": {"start"},
}
_ARTICLE_ATTRIBUTES = {
    "*": {"style"},
    "a": {"href"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}


def is_wechat_url(url: str) -> bool:
    """True for links WeChat allows in an article: ``http(s)://mp.weixin.qq.com/…``."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and (parts.hostname or "").lower() == WECHAT_HOST


def clean_markdown_html(html: str) -> str:
    """First pass, on the parser's output: keep structure and class names, drop anything that can run code.

    Raw HTML in a case is reduced here: no scripts, no event handlers, no ``javascript:`` or ``data:``
    URLs, no ``style`` (only table-cell alignment survives), no ids.
    """
    return nh3.clean(
        html,
        tags=set(ARTICLE_TAGS | {"div"}),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=_MARKDOWN_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
        link_rel=None,
    )


def clean_article_html(html: str) -> str:
    """Last pass, on the inlined fragment: only inline styles, no class or id, links only to WeChat."""
    return nh3.clean(
        html,
        tags=set(ARTICLE_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=_ARTICLE_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https"},
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
    )


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if is_wechat_url(value) else None
    if tag == "img" and attribute == "src":
        return None if urlsplit(value).scheme else value  # uploaded later; never hotlinked
    return value
