"""``build_site``: content model → generated Markdown pages → MkDocs → swapped into ``site/``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..config import Config
from ..console import ProgressCallback, track
from ..model import Episode, Library
from ..publish.marker import write_build_marker
from ..swap import staging_folder, swap_in
from .docs import plan_files, write_docs
from .mkdocs_engine import build_with_mkdocs
from .pages import plan_pages
from .render import make_environment, render_page
from .search_words import register_search_words, search_words
from .settings import SiteSettings, load_site_settings
from .views import SiteView, build_site_view

SITE_TEMPLATES = "site"  #: folder inside ``templates/``


@dataclass(frozen=True)
class SiteReport:
    """What a site build produced."""

    site_dir: Path
    docs_dir: Path
    pages: int  #: Markdown pages generated (cases + listings)
    cases: int  #: case pages
    drafts: int  #: of which cases not yet published (only with ``drafts=True``)
    episodes: int  #: case pages with an audio player
    changed: int  #: files in the docs folder that changed since the last generation
    warnings: tuple[str, ...]  #: MkDocs' warnings (broken links …)
    seconds: float

    @property
    def summary(self) -> str:
        drafts = f"（含 {self.drafts} 个未发布案例）" if self.drafts else ""
        return f"网站：{self.cases} 个案例页{drafts}、共 {self.pages} 页，{self.episodes} 个有声节目 → {self.site_dir}（{self.seconds:.1f} 秒）"


@dataclass(frozen=True)
class RenderedSite:
    """Every page of the site in memory, before anything is written (the compliance gate reads it)."""

    view: SiteView
    pages: Mapping[str, str]  #: docs path → Markdown page
    settings: SiteSettings


def render_pages(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
) -> RenderedSite:
    """Render every page from the model with the templates, in memory."""
    settings = load_site_settings(config)
    site = build_site_view(library, config.audio_dir, drafts=drafts, episodes=episodes)
    env = make_environment(config.templates_dir / SITE_TEMPLATES)
    base = {"site": site, "config": config, "settings": settings}
    planned = plan_pages(site, config, settings)
    pages = {
        page.path: render_page(env, page.template, page.meta, {**base, **page.context, "root": page.root})
        for page in track(planned, "生成网页", len(planned), progress)
    }
    return RenderedSite(site, pages, settings)


def generate_docs(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
    rendered: RenderedSite | None = None,
) -> tuple[SiteView, int, int]:
    """Render every page into ``config.docs_dir``; returns the view, the page count and files changed."""
    rendered = rendered or render_pages(library, config, drafts=drafts, episodes=episodes, progress=progress)
    site = rendered.view
    changed = write_docs(config.docs_dir, rendered.pages, plan_files(site, config), config)
    register_search_words(search_words((t for v in site.cases for t in v.case.tags), rendered.settings.search_words))
    return site, len(rendered.pages), changed


def build_site(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
    rendered: RenderedSite | None = None,
) -> SiteReport:
    """Build the website into ``config.site_dir``; on any failure the previous site is left untouched.

    Raises ConfigError (bad ``extra.casecast.site``) or BuildError (templates, MkDocs, missing audio).
    """
    started = time.perf_counter()
    site, page_count, changed = generate_docs(
        library, config, drafts=drafts, episodes=episodes, progress=progress, rendered=rendered
    )
    if progress:
        progress("构建网站", 0, 1)
    with staging_folder(config.site_dir) as staging:
        warnings = build_with_mkdocs(config, config.docs_dir, staging)
        write_build_marker(staging, drafts=drafts)  # `publish` refuses a --drafts build
        swap_in(staging, config.site_dir)
    if progress:
        progress("构建网站", 1, 1)
    return SiteReport(
        site_dir=config.site_dir,
        docs_dir=config.docs_dir,
        pages=page_count,
        cases=len(site.cases),
        drafts=sum(1 for v in site.cases if not v.case.published),
        episodes=sum(1 for v in site.cases if v.episode),
        changed=changed,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - started,
    )
