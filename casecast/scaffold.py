"""`python build.py new <slug>`: write a draft case with every field and the three sections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .config import Config
from .errors import CasecastError
from .loader import CASES_FOLDER
from .model import SECTION_HEADINGS
from .schema import FIELDS
from .suggest import is_valid_slug, suggest_slug

SECTION_PROMPTS = {
    "story": "用讲故事的方式写清楚发生了什么：谁（已脱敏，如王阿姨、尾号1234）、在什么场景、骗子怎么说、损失多少。",
    "analysis": "分析骗局的套路和风险点。可以用 ### 小标题分点说明。",
    "tips": "给读者几条能马上照做的提示，例如：\n\n- 不轻信陌生来电，核实请拨打银行官方客服热线。\n- 遇到诈骗请立即拨打 110 报警，或拨打 96110 反诈专线咨询。",
}


def render_new_case(slug: str, config: Config, *, today: dt.date | None = None) -> str:
    """The text of a new draft case: every field with its meaning as a comment."""
    lines = ["---"]
    for spec in FIELDS:
        value = {"date": (today or dt.date.today()).isoformat(), "author": config.author}.get(spec.name, spec.example)
        lines.append(f"# {spec.name}：{spec.doc}")
        if value is None:
            lines.append(f"# {spec.name}:")
        else:
            dumped = yaml.safe_dump({spec.name: value}, allow_unicode=True, default_flow_style=True, sort_keys=False)
            lines.append(dumped.strip().removeprefix("{").removesuffix("}"))
    lines.append("---")
    for key, heading in SECTION_HEADINGS.items():
        lines += ["", f"## {heading}", "", SECTION_PROMPTS[key]]
    return "\n".join(lines) + "\n"


def write_new_case(slug: str, config: Config) -> Path:
    """Create ``content/cases/<slug>.md``; refuse a bad slug or an existing file."""
    if not is_valid_slug(slug):
        raise CasecastError(f"'{slug}' is not a valid slug (lowercase letters, digits, hyphens); try '{suggest_slug(slug)}'")
    path = config.content_dir / CASES_FOLDER / f"{slug}.md"
    if path.exists():
        raise CasecastError(f"{path} already exists; choose another slug or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(render_new_case(slug, config))
    return path
