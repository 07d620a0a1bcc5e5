"""Test helpers for the WeChat area: the fixture project, the sample library, and a Case factory."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from casecast.config import Config, load_config
from casecast.loader import load_library
from casecast.model import Case, Library

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REPO = HERE.parent.parent

#: Elements that must carry an inline style in an article.
BLOCK_TAGS = frozenset(
    "section div p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre table caption thead tbody tfoot tr th td "
    "figure figcaption hr dl dt dd".split()
)


def fixture_config(content_dir: Path | None = None, **wechat: Any) -> Config:
    """The fixed test configuration (tests/wechat/fixtures/mkdocs.yml) with the repository's templates.

    Keyword arguments override ``extra.casecast.wechat`` settings.
    """
    config = load_config(FIXTURES / "mkdocs.yml", content_dir=content_dir or FIXTURES / "content")
    extra = dict(config.extra)
    extra["wechat"] = {**extra.get("wechat", {}), **wechat}
    return replace(config, root=REPO, extra=extra)


def with_extensions(config: Config, extensions: tuple[Any, ...]) -> Config:
    return replace(config, markdown_extensions=extensions)


def load_fixture_library(config: Config | None = None) -> Library:
    library, problems = load_library(config or fixture_config())
    errors = [p.format() for p in problems if p.severity.value == "error"]
    assert not errors, errors
    return library


def fixture_case(slug: str, config: Config | None = None) -> Case:
    return load_fixture_library(config).by_slug(slug)


def copy_fixture_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    return content

SECTIONS = "## 案例经过\n\n{story}\n\n## 风险分析\n\n分析。\n\n## 消保提示\n\n提示。\n"


def make_case(body: str, **fields: Any) -> Case:
    """A Case with the given Markdown body (and field overrides), built on a fixture case.

    Used for input the loader would reject (``<script>``, ``javascript:``), which the renderer must
    still handle safely when called directly.
    """
    base = fixture_case("case-with-links-table-and-image")
    return replace(base, body=body, **{"sources": (), "cover": None, **fields})


def sample_config() -> Config:
    return load_config(REPO / "mkdocs.yml")


def sample_cases() -> list[Case]:
    """Every case of the shipped sample library that loads (drafts included)."""
    library, _ = load_library(sample_config())
    return list(library.cases)


def parse(html: str) -> HtmlElement:
    """Parse an article fragment (its root ``<section>``)."""
    return lxml.html.fragment_fromstring(html)


def style_of(element: HtmlElement) -> dict[str, str]:
    """An element's inline style as {property: value}."""
    declarations = (d.split(":", 1) for d in (element.get("style") or "").split(";") if ":" in d)
    return {name.strip(): value.strip() for name, value in declarations}


def footnote_markers(root: HtmlElement) -> list[HtmlElement]:
    """The ``[n]`` markers in the text (superscripts holding only a bracketed number)."""
    return [sup for sup in root.iter("sup") if _is_marker(sup.text_content())]


def _is_marker(text: str) -> bool:
    return text.startswith("[") and text.endswith("]") and text[1:-1].isdigit()


def reference_entries(root: HtmlElement) -> list[HtmlElement]:
    """The paragraphs of the 参考资料 list."""
    for section in root.iter("section"):
        first = section.find("p")
        if first is not None and first.text_content().strip() == "参考资料":
            return [p for p in section.findall("p")[1:]]
    return []
