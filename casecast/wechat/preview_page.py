"""``wechat/index.html``: every article at WeChat's 677 px column, each with a 复制到公众号 button.

The page is built from the files in the output folder (``<slug>.json`` + ``<slug>.html``), so a build
of a few slugs still lists every article that is there. It is an internal tool, not part of the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..config import Config
from ..errors import BuildError
from .article import load_template, template_environment

COLUMN_WIDTH = 677  # px: the article column in WeChat's reader


@dataclass(frozen=True)
class PreviewEntry:
    """One article as the preview page shows it."""

    meta: dict
    html: Markup  #: the fragment exactly as written to ``<slug>.html``

    @property
    def slug(self) -> str:
        return self.meta["slug"]


def read_entries(out_dir: Path) -> list[PreviewEntry]:
    """Every article in the folder, newest first."""
    entries = []
    for meta_file in sorted(out_dir.glob("*.json")):
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            html = (out_dir / meta["content"]).read_text(encoding="utf-8")
        except (OSError, ValueError, KeyError) as exc:
            raise BuildError(f"{meta_file}: unreadable WeChat article ({exc}); run `python build.py wechat` to rebuild all") from None
        entries.append(PreviewEntry(meta, Markup(html)))  # noqa: S704 - our own sanitised output
    entries.sort(key=lambda e: (e.meta.get("date", ""), e.slug), reverse=True)
    return entries


def render_index(entries: list[PreviewEntry], config: Config) -> str:
    """The preview page's HTML."""
    template = load_template(template_environment(config), "wechat/index.html")
    return template.render(entries=entries, column_width=COLUMN_WIDTH, site_name=config.site_name, series=config.series)
