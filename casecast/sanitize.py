"""The website's one HTML policy: an nh3 allow-list for page bodies, text escaping for everything else.

Same discipline as :mod:`casecast.wechat.sanitize`: what Markdown and the templates turn into HTML
passes an allow-list (elements, attributes, URL schemes) before it reaches a reader; every other
string (titles, summaries, tags, taxonomy labels, feed descriptions) is HTML-escaped as text.
:func:`find_sanitiser_removals` tells an editor, at ``check`` time and with file:line:col, what the
sanitiser would remove from a case body, using the same allow-list.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from typing import Iterable

import lxml.html
import nh3

from .diagnostics import Diagnostic, error, warning

#: Elements a page body may hold: what Markdown, its extensions (admonition, tables, toc, md_in_html)
#: and casecast's templates produce (the quiz's radio inputs, which `check` refuses in a case body). No SVG (the QR code is drawn after sanitising, see casecast/site/qr.py), no base, form, meta, link, style, svg, math, iframe, script.
SITE_TAGS: frozenset[str] = frozenset(
    """a abbr audio b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure
    h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark nav ol p pre q s samp section small source span strong
    sub summary sup table tbody td tfoot th thead time tr track u ul var article aside header footer button
    fieldset legend label input""".split()
)

#: Elements removed together with their content (never unwrapped into text).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    "script style iframe frame frameset object embed applet noscript template textarea select svg math "
    "form".split()
)

#: Elements ``check`` refuses outright in a case body (``button`` is for the theme's own templates) (they serve scripting, phishing or redirection).
REFUSED_TAGS: frozenset[str] = frozenset(
    "base form input button select textarea meta link style svg math iframe frame frameset object embed applet script "
    "noscript template portal".split()
)

#: Attributes per element; ``*`` applies to every element. ``aria-*`` and ``data-*`` are kept too.
SITE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir", "role", "hidden"},
    "a": {"href", "rel", "download", "hreflang", "type"},
    "button": {"type", "disabled", "aria-pressed"},  # no form can exist, so a button only runs the site's own JS
    "input": {"type", "name", "value", "checked"},  # radio only (see _keep_radio_inputs); without a form nothing is posted
    "label": {"for"},
    "img": {"src", "alt", "width", "height", "loading"},
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "details": {"open"},
    "abbr": {"title"},
}
GENERIC_PREFIXES: frozenset[str] = frozenset({"aria-", "data-"})

#: URL schemes a link or media source may use (relative URLs are always fine).
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "srcset"})

#: What a browser ignores inside a URL before reading its scheme: ASCII tab/newline and leading controls.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, after entity decoding and the characters it strips; None when relative."""
    decoded = _URL_NOISE.sub("", html.unescape(url)).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = _SCHEME.match(decoded)
    return match.group(1).lower() if match else None


def is_safe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute.startswith("data-md") or (attribute == "id" and value.lstrip().startswith("__")):
        return None  # Material finds its components and config by these: no clobbering from the content
    if attribute in URL_ATTRIBUTES:
        return value if is_safe_url(value) else None
    return value


#: An input element as nh3 serialises it (attribute values always double-quoted, quotes escaped inside).
_INPUT = re.compile(r'<input\b(?P<attributes>(?:\s+[^\s"=>/]+(?:="[^"]*")?)*)\s*/?>')


def _keep_radio_inputs(cleaned: str) -> str:
    """Radio buttons (the quiz's) are the only inputs the site shows: no text field can ask for a card number."""
    return _INPUT.sub(lambda m: m.group(0) if ' type="radio"' in m.group("attributes") else "", cleaned)


def clean_site_html(fragment: str) -> str:
    """A page body reduced to the site's allow-list: nothing in it can run code, post a form or redirect."""
    return _keep_radio_inputs(_clean_with_nh3(fragment))


def _clean_with_nh3(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(SITE_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in SITE_ATTRIBUTES.items()},
        generic_attribute_prefixes=set(GENERIC_PREFIXES),
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def escape_text(value: object) -> str:
    """Text for a place that is read as HTML (a template without autoescape, a feed reader)."""
    return html.escape(str(value), quote=True)


# --- check: what the sanitiser would remove, with file:line:col ---------------------------------

_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?=[^{}\n]*?)\s*\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.{}]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s}]*)""")
#: attr_list attributes a case body may set (besides #id and .class, which are always fine).
BODY_ATTR_LIST_KEYS: frozenset[str] = frozenset({"id", "class", "title", "lang", "dir"})


def _blank_code(body: str) -> str:
    """The body with fenced code blocks and inline code blanked, lines and columns unchanged."""
    from .body import FENCE, INLINE_CODE

    out, fence = [], None
    for text in body.split("\n"):
        match = FENCE.match(text)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append("")
            continue
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            out.append("")
            continue
        out.append(INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text))
    return "\n".join(out)


_LITERAL_SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:", re.IGNORECASE)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")


def _scheme_message(name: str, value: str) -> str:
    scheme = url_scheme(value)
    return (
        f"'{name}' is a '{scheme}:' link (after decoding entities and control characters); "
        f"the site allows only {', '.join(sorted(URL_SCHEMES))} or relative links, so the sanitiser removes it"
    )


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: Deepest raw HTML nesting a case body may use (nested <div markdown> overflow Markdown's recursion).
MAX_HTML_NESTING = 30
_E401_TAGS = frozenset("script iframe frame frameset object embed applet".split())


class _RemovalScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []  # line (0-based in body), col (0-based), code, message
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._scan(tag, attrs)
        if tag not in _VOID:
            self.depth += 1
            if self.depth == MAX_HTML_NESTING + 1:
                line, col = self.getpos()
                self.found.append((line - 1, col, "E208", f"raw HTML nested more than {MAX_HTML_NESTING} elements deep; flatten it (Markdown recurses per level)"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._scan(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)

    def _scan(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        line -= 1
        if tag in _E401_TAGS:
            return  # casecast.body reports these as E401
        if tag in REFUSED_TAGS:
            self.found.append((line, col, "E404", f"<{tag}> is not allowed on the site (it can run code, post a form or redirect); remove it"))
            return
        if tag not in SITE_TAGS:
            self.found.append((line, col, "W404", f"the site's sanitiser removes the <{tag}> tag (its text stays); use Markdown instead"))
        allowed = SITE_ATTRIBUTES["*"] | SITE_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                continue  # E402 already reports event attributes
            if name in URL_ATTRIBUTES and value is not None and not is_safe_url(value):
                raw = self.get_starttag_text() or ""
                plain = re.search(rf"{re.escape(name)}\s*=\s*[\"']?\s*(?:java|vb)script\s*:", raw, re.IGNORECASE)
                if not plain:  # E403 already reports a plain javascript: link
                    self.found.append((line, col, "E405", _scheme_message(name, value)))
            elif tag in SITE_TAGS and name not in allowed and not any(name.startswith(p) for p in GENERIC_PREFIXES):
                self.found.append((line, col, "W405", f"the site's sanitiser removes the '{name}' attribute of <{tag}>"))



def find_sanitiser_removals(body: str, body_line: int, path: str) -> list[Diagnostic]:
    """What :func:`clean_site_html` would take out of this body's raw HTML, and unsafe attr_list keys."""
    text = _blank_code(body)
    scanner = _RemovalScanner()
    scanner.feed(text)
    scanner.close()
    problems = []
    for line, col, code, message in scanner.found:
        make = error if code.startswith("E") else warning
        problems.append(make(path, body_line + line, col + 1, code, message))
    for number, line_text in enumerate(text.split("\n")):
        for pattern in (_MD_LINK, _MD_REFERENCE):
            for match in pattern.finditer(line_text):
                target = match.group(1)
                if not is_safe_url(target) and not _LITERAL_SCRIPT_URL.match(target):
                    problems.append(error(path, body_line + number, match.start(1) + 1, "E405", _scheme_message("link", target)))
        for match in _ATTR_LIST.finditer(line_text):
            for pair in _ATTR_PAIR.finditer(match.group(1)):
                key = pair.group(1).lower()
                if key not in BODY_ATTR_LIST_KEYS:
                    col = match.start(1) + pair.start(1) + 1
                    problems.append(error(path, body_line + number, col, "E406", f"attribute list sets '{key}='; case bodies may only set #id, .class, title, lang and dir"))
    return problems


# --- Content-Security-Policy -----------------------------------------------------------------

_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(page_html: str) -> list[str]:
    """``'sha256-…'`` sources for each inline script of a finished page (the theme's own)."""
    hashes = []
    for script in lxml.html.fromstring(page_html).iter("script"):
        if script.get("src") is None and (script.get("type") or "").strip().lower() in _EXECUTABLE_TYPES:
            digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """The site's policy: scripts from the site itself plus the theme's hashed inline scripts."""
    scripts = " ".join(["'self'", *script_hashes])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "media-src 'self'; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def add_content_security_policy(page_html: str, trusted_html: str) -> str:
    """``page_html`` with a CSP meta tag first in ``<head>``.

    Only inline scripts that are not in ``trusted_html``'s counterpart, the page body, are hashed:
    the body is sanitised and holds no script, and a script that somehow got there is not allowed.
    """
    body_hashes = set(inline_script_hashes(f"<div>{trusted_html}</div>")) if trusted_html else set()
    hashes = [h for h in inline_script_hashes(page_html) if h not in body_hashes]
    meta = f"<meta http-equiv=\"Content-Security-Policy\" content=\"{content_security_policy(hashes)}\">"  # no quotes inside
    match = _HEAD.search(page_html)
    if match is None:
        return page_html
    return page_html[: match.end()] + "\n    " + meta + page_html[match.end() :]
