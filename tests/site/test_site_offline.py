"""No request leaves the site: no CDN, no web fonts, no analytics, and the site works from a folder."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import material

from site_support import CAMPUS, REPO

URL = re.compile(r"https?://[^\s\"'<>()\\`]+")
#: XML namespace names in inline SVG icons: identifiers, never requested.
XML_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
#: Hosts named inside Material's own, unmodified scripts and styles, and why none is ever requested here.
MATERIAL_HOSTS = {
    "unpkg.com": "mermaid (only for diagram blocks, which casecast pages never have) and resize-observer-polyfill "
    "(only in browsers without ResizeObserver, i.e. before 2020)",
    "api.github.com": "repository facts, only shown with repo_url, which mkdocs.yml does not set",
    "${e}": "GitLab repository facts, only with repo_url",
    "clipboardjs.com": "licence comment",
    "fontawesome.com": "licence comment in the icon styles",
    "bit.ly": "a hint the search worker writes to the console for a malformed query",
    "lunrjs.com": "licence comment",
    "tartarus.org": "licence comment",
    "snowball.tartarus.org": "licence comment (lunr language packs)",
    "www.mozilla.org": "licence comment (lunr language packs)",
    "github.com": "source comments (lunr language packs, word cutters)",
    "code.google.com": "licence comment (lunr language packs)",
    "chasen.org": "licence comment (TinySegmenter, Japanese only)",
    "developer.mozilla.org": "source comment (Thai/Hindi word cutter)",
    "wiki.ecmascript.org": "source comment (word cutter)",
    "wiki.commonjs.org": "source comment (word cutter)",
    "underscorejs.org": "source comment (word cutter)",
    "people.mozilla.org": "source comment (word cutter)",
    "narwhaljs.org": "source comment (word cutter)",
    "msdn.microsoft.com": "source comment (word cutter)",
    "en.wikipedia.org": "source comment (word cutter)",
    "docs.python.org": "source comment (word cutter)",
}
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def built_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in {".html", ".css", ".js"} and p.is_file())


def is_material_asset(site: Path, path: Path) -> bool:
    original = MATERIAL_TEMPLATES / path.relative_to(site)
    return original.is_file() and original.read_bytes() == path.read_bytes()


def allowed_urls(sample_site, path: Path) -> set[str]:  # noqa: ANN001
    """Sources a file may name: a case page its own sources; the search index every case's sources."""
    relative = path.relative_to(sample_site.root).as_posix()
    cases = sample_site.library.public()
    if relative.startswith("search/"):
        return {s.url for c in cases for s in c.sources}
    return {s.url for c in cases if relative == f"cases/{c.slug}/index.html" for s in c.sources}


def test_no_built_file_names_a_third_party_host(sample_site) -> None:
    own = urlsplit(sample_site.config.site_url).netloc
    offenders, material_hosts = [], set()
    for path in built_files(sample_site.root):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in set(URL.findall(text)) - XML_NAMESPACES:
            host = urlsplit(url).netloc
            if host == own or url in allowed_urls(sample_site, path):
                continue
            if is_material_asset(sample_site.root, path) and host in MATERIAL_HOSTS:
                material_hosts.add(host)
                continue
            offenders.append(f"{path.relative_to(sample_site.root)}: {url}")
    assert offenders == []
    assert "unpkg.com" in material_hosts, "the scan sees Material's own scripts"


def test_the_exceptions_for_materials_scripts_hold(sample_site) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url" not in config
    for path in sample_site.root.rglob("*.html"):
        assert 'class="mermaid"' not in path.read_text(encoding="utf-8")


def test_no_web_fonts_cdn_scripts_or_analytics_in_pages(sample_site) -> None:
    page = (sample_site.root / "cases" / CAMPUS / "index.html").read_text(encoding="utf-8")
    for needle in ("fonts.googleapis", "fonts.gstatic", "unpkg", "jsdelivr", "googletagmanager", "gtag(", "squidfunk"):
        assert needle not in page


def test_offline_plugin_inlines_the_search_index_and_uses_our_worker_shim(sample_site) -> None:
    site = sample_site.root
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/casecast/iframe-worker.js"></script>' in home
    assert (site / "assets" / "casecast" / "iframe-worker.js").is_file()
    assert 'href="cases/' in home and "index.html" in home  # links work from a folder


def test_search_index_keeps_tags_whole_so_whole_word_searches_match(sample_site) -> None:
    index = json.loads((sample_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith(f"cases/{CAMPUS}/")]
    assert docs and all("校园贷" in d.get("tags", []) for d in docs)
    mentions = [d["text"] for d in index["docs"] if "校园贷" in d["text"].replace("\u200b", "")]
    assert mentions and all("\u200b校园贷\u200b" in f"\u200b{text}\u200b" for text in mentions), "jieba keeps 校园贷 whole"
    assert not any(d["location"].startswith(("index.html", "categories/", "audiences/", "tags.html")) for d in index["docs"])
