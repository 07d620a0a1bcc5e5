"""Helpers for the compliance tests: build Case objects in memory and a Config for them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

from casecast.config import load_config
from casecast.model import Allowance, Case, Section

REPO = Path(__file__).resolve().parents[2]
HEADINGS = (("story", "案例经过"), ("analysis", "风险分析"), ("tips", "消保提示"))


def repo_config():
    """The project's own mkdocs.yml (public numbers 95574, 110, 96110 …)."""
    return load_config(REPO / "mkdocs.yml")


def make_case(
    body: str,
    *,
    slug: str = "sample-case",
    title: str = "示例案例",
    summary: str = "一个用于测试的示例案例。",
    tags: tuple[str, ...] = (),
    allow: tuple[tuple[str, str], ...] = (),
    path: Path | None = None,
    body_line: int = 10,
    field_lines: dict[str, int] | None = None,
    head_lines: tuple[str, ...] = (),
) -> Case:
    """A case whose body is ``body`` (sections are split on the three standard H2 headings if present)."""
    lines = field_lines or {"title": 2, "date": 3, "category": 4, "summary": 5, "tags": 6, "allow": 7}
    return Case(
        slug=slug,
        path=(path or Path(f"/nonexistent/{slug}.md")),
        display_path=f"content/cases/{slug}.md",
        title=title,
        date=dt.date(2024, 3, 15),
        category="investment",
        audiences=("everyone",),
        tags=tags,
        summary=summary,
        status="published",
        episode=None,
        author="示例银行消费者权益保护部",
        voice=None,
        cover=None,
        sources=(),
        allow=tuple(Allowance(t, r) for t, r in allow),
        body=body,
        body_line=body_line,
        sections=tuple(Section(k, h, h, body, body_line, body_line) for k, h in HEADINGS),
        images=(),
        field_lines=MappingProxyType(lines),
        head_lines=head_lines,
    )
