"""Test helpers for the audio area: a throw-away project (mkdocs.yml + content/) and a Case factory."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import yaml

from casecast.config import Config, load_config
from casecast.model import SECTION_HEADINGS, SECTION_KEYS, Case, Library, Section, Taxonomy, Term

FIXTURES = Path(__file__).parent / "fixtures"

SHORT_SECTIONS = {
    "story": "2024年3月15日，王阿姨接到自称客服的电话，被骗3.8万元。",
    "analysis": "骗子许诺年化收益36%，这是典型的诈骗话术。",
    "tips": "- 核实请拨打官方客服热线95574。\n- 遇到诈骗请拨打110。",
}


EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": False}}]


def make_project(tmp_path: Path, audio: dict[str, Any] | None = None, *, site_url: str = "https://edu.example-bank.cn/",
                 extensions: list[Any] | None = None, test_defaults: bool = True) -> Config:
    """A project folder with mkdocs.yml and an empty content folder.

    Audio settings are ``audio`` over the test defaults (offline engine, short pauses, a short outro).
    """
    (tmp_path / "content" / "cases").mkdir(parents=True, exist_ok=True)
    (tmp_path / "content" / "images").mkdir(exist_ok=True)
    defaults = {"engine": "espeak", "offline_engine": "espeak", "pause_seconds": 0.3, "outro": "感谢收听。如遇诈骗请拨打110。"} if test_defaults else {}
    settings = {**defaults, **(audio or {})}
    data = {
        "site_name": "以案说险",
        "site_url": site_url,
        "site_description": "示例银行消保教育",
        "markdown_extensions": EXTENSIONS if extensions is None else extensions,
        "extra": {"casecast": {
            "organisation": "示例银行", "series": "以案说险", "hotline": "95574",
            "public_numbers": ["95574", "110", "96110", "12378"], "audio": settings,
        }},
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_config(tmp_path / "mkdocs.yml")


def make_case(config: Config, slug: str = "fake-refund-call", *, title: str = "冒充客服退款骗局",
              sections: dict[str, str] | None = None, episode: int | None = 1, status: str = "published",
              summary: str = "王阿姨接到“客服”电话称可以退款，险些被骗。", cover: Path | None = None,
              date: dt.date = dt.date(2024, 3, 15), voice: str | None = None) -> Case:
    """A Case as the loader makes it, with the given section texts (default: short ones)."""
    texts = {**SHORT_SECTIONS, **(sections or {})}
    body_parts, built, line = [], [], 10
    for key in SECTION_KEYS:
        markdown = textwrap.dedent(texts[key]).strip() + "\n"
        built.append(Section(key, SECTION_HEADINGS[key], SECTION_HEADINGS[key], markdown, line, line + 2))
        body_parts.append(f"## {SECTION_HEADINGS[key]}\n\n{markdown}")
        line += 3 + markdown.count("\n")
    path = config.content_dir / "cases" / f"{slug}.md"
    return Case(
        slug=slug, path=path, display_path=f"content/cases/{slug}.md", title=title, date=date,
        category="telecom-fraud", audiences=("elderly",), tags=("冒充客服",), summary=summary, status=status,
        episode=episode, author="示例银行", voice=voice, cover=cover, sources=(), allow=(),
        body="\n".join(body_parts), body_line=9, sections=tuple(built), images=(),
    )


def make_library(config: Config, *cases: Case) -> Library:
    taxonomy = Taxonomy({"telecom-fraud": Term("telecom-fraud", "电信网络诈骗", "")}, {"elderly": Term("elderly", "老年人", "")})
    return Library(tuple(cases), taxonomy, config.content_dir)
