"""``build_site``: content model → generated Markdown pages → MkDocs → swapped into ``site/``."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from ..config import Config
from ..console import ProgressCallback, track
from ..model import Episode, Library
from ..writer import StagedFolder, Writer, write_atomic
from ..publish.marker import write_build_marker
from .docs import plan_files, write_docs
from ..build_record import PACKAGE, distributions, folder_digest
from .mkdocs_engine import build_with_mkdocs, mkdocs_version
from .pages import plan_pages
from .render import make_environment, render_page
from .search_words import register_search_words, search_words
from .settings import SiteSettings, load_site_settings
from .transcript import transcript_memo
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
    skipped: bool = False  #: nothing that affects the site changed: MkDocs did not run
    reused: int = 0  #: pages MkDocs took from the previous build (their Markdown and all else unchanged)

    @property
    def summary(self) -> str:
        drafts = f"（含 {self.drafts} 个未发布案例）" if self.drafts else ""
        done = "无变化，未重新构建" if self.skipped else f"{self.seconds:.1f} 秒"
        if self.reused:
            done += f"，{self.reused} 页未变、沿用上次的结果"
        return f"网站：{self.cases} 个案例页{drafts}、共 {self.pages} 页，{self.episodes} 个有声节目 → {self.site_dir}（{done}）"


@dataclass(frozen=True)
class RenderedSite:
    """Every page of the site in memory, before anything is written (the compliance gate reads it)."""

    view: SiteView
    pages: Mapping[str, str]  #: docs path → Markdown page
    settings: SiteSettings
    locate: Callable[[str], Path] | None = None  #: finds the audio files the pages link (staged first)


def render_pages(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
    locate: Callable[[str], Path] | None = None,
) -> RenderedSite:
    """Render every page from the model with the templates, in memory (``locate`` finds audio files)."""
    settings = load_site_settings(config)
    transcripts = transcript_memo(config)
    site = build_site_view(library, config.audio_dir, drafts=drafts, episodes=episodes, locate=locate, transcripts=transcripts)
    transcripts.save()
    env = make_environment(config.templates_dir / SITE_TEMPLATES)
    base = {"site": site, "config": config, "settings": settings}
    planned = plan_pages(site, config, settings)
    pages = {
        page.path: render_page(env, page.template, page.meta, {**base, **page.context, "root": page.root})
        for page in track(planned, "生成网页", len(planned), progress)
    }
    return RenderedSite(site, pages, settings, locate)


def generate_docs(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
    rendered: RenderedSite | None = None,
    writer: Writer | None = None,
) -> tuple[SiteView, int, int]:
    """Render every page into ``config.docs_dir``; returns the view, the page count and files changed."""
    rendered = rendered or render_pages(library, config, drafts=drafts, episodes=episodes, progress=progress)
    site = rendered.view
    changed = write_docs(config.docs_dir, rendered.pages, plan_files(site, config, rendered.locate), config, writer)
    return site, len(rendered.pages), changed


def prepare_search(rendered: RenderedSite) -> None:
    """Teach search every tag as a whole word (loads jieba's dictionary: only when MkDocs will run)."""
    register_search_words(search_words((t for v in rendered.view.cases for t in v.case.tags), rendered.settings.search_words))


def site_stamp_path(config: Config) -> Path:
    """Where the fingerprint of the last site build is kept (beside the docs folder, never published)."""
    return config.docs_dir.with_name(config.docs_dir.name + ".site-stamp.json")


def _tree_state(folder: Path) -> list[list[object]]:
    """Name, size, mtime and inode of every file: the writer keeps all four for unchanged files."""
    if not folder.is_dir():
        return []
    rows = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            rows.append([path.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns, st.st_ino])
    return rows


def site_fingerprint(config: Config) -> str:
    """Everything that goes into ``site/``: the docs folder, mkdocs.yml, the theme overrides, MkDocs' version."""
    state = {
        "docs": _tree_state(config.docs_dir),
        "config": hashlib.sha256(config.config_file.read_bytes()).hexdigest(),
        "overrides": _tree_state(config.templates_dir / SITE_TEMPLATES / "overrides"),
        "mkdocs": mkdocs_version(),
        "site_dir": str(config.site_dir),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def site_basis(config: Config, docs_names: list[str]) -> str:
    """Everything a page's HTML depends on besides its own Markdown.

    mkdocs.yml, the theme overrides, casecast's code (its MkDocs hooks), the installed versions and the
    names of every file in the docs folder (links resolve against them). When this and a page's
    Markdown are as in the last build, so is the page's HTML. Case pages are not in the navigation
    (mkdocs.yml lists the five index pages), so no page shows another page's title.
    """
    state = {
        "config": hashlib.sha256(config.config_file.read_bytes()).hexdigest(),
        "overrides": folder_digest(config.templates_dir / SITE_TEMPLATES / "overrides"),
        "code": folder_digest(PACKAGE),
        "versions": distributions(),
        "docs": sorted(docs_names),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def _load_stamp(config: Config) -> dict[str, object]:
    try:
        stamp = json.loads(site_stamp_path(config).read_text(encoding="utf-8"))
        if isinstance(stamp, dict) and stamp.get("site_inode") == config.site_dir.stat().st_ino:
            return stamp
    except (OSError, ValueError):
        pass
    return {}


def _site_is_current(stamp: Mapping[str, object], fingerprint: str) -> bool:
    return bool(stamp) and stamp.get("fingerprint") == fingerprint


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reusable_pages(stamp: Mapping[str, object], basis: str, pages: Mapping[str, str], site_dir: Path) -> dict[str, str]:
    """Pages (docs path → HTML path) whose HTML in the current ``site/`` is what rendering them would give.

    Only when the last build had the same basis and no MkDocs warnings (a reused page would not repeat
    its own), for pages whose Markdown is unchanged and whose HTML is still the bytes that build wrote.
    """
    before = stamp.get("pages")
    if stamp.get("basis") != basis or stamp.get("warnings") != 0 or not isinstance(before, dict):
        return {}
    reuse = {}
    for path, markdown in pages.items():
        old = before.get(path)
        if (isinstance(old, list) and len(old) == 3 and old[0] == _text_sha256(markdown)
                and _sha256(site_dir / str(old[1])) == old[2]):
            reuse[path] = str(old[1])
    return reuse


def record_site(config: Config, fingerprint: str, extra: Mapping[str, object] | None = None) -> None:
    """Remember which inputs the current ``site/`` was built from (after the swap)."""
    stamp = {"fingerprint": fingerprint, "site_inode": config.site_dir.stat().st_ino, **(extra or {})}
    write_atomic(site_stamp_path(config), json.dumps(stamp).encode())


@dataclass
class StagedSite:
    """A site build waiting to be swapped in (``staged`` is None when ``site/`` is already current)."""

    report: SiteReport
    staged: StagedFolder | None
    fingerprint: str
    config: Config
    record: Mapping[str, object] | None = None  #: the basis and page hashes kept for the next build

    def commit(self) -> bool:
        """Swap the new site in and remember its inputs; True when ``site/`` changed."""
        if self.staged is None:
            return False
        site_stamp_path(self.config).unlink(missing_ok=True)  # a crash after the swap must not leave a stale stamp
        changed = self.staged.commit()
        record_site(self.config, self.fingerprint, self.record)
        return changed

    def discard(self) -> None:
        if self.staged is not None:
            self.staged.discard()


def stage_site(
    library: Library,
    config: Config,
    *,
    drafts: bool = False,
    episodes: Mapping[str, Episode] | None = None,
    progress: ProgressCallback | None = None,
    rendered: RenderedSite | None = None,
    writer: Writer | None = None,
) -> StagedSite:
    """Write the docs folder, then build the site in a staging folder, unless nothing that affects it changed.

    Raises ConfigError (bad ``extra.casecast.site``) or BuildError (templates, MkDocs, missing audio).
    """
    started = time.perf_counter()
    rendered = rendered or render_pages(library, config, drafts=drafts, episodes=episodes, progress=progress)
    site, page_count, changed = generate_docs(library, config, rendered=rendered, writer=writer)
    fingerprint = site_fingerprint(config)
    stamp = _load_stamp(config)
    staged, warnings, reused, record = None, [], 0, None
    if not _site_is_current(stamp, fingerprint):
        if progress:
            progress("构建网站", 0, 1)
        prepare_search(rendered)
        docs_names = [p.relative_to(config.docs_dir).as_posix() for p in config.docs_dir.rglob("*") if not p.is_dir()]
        basis = site_basis(config, docs_names)
        reuse = reusable_pages(stamp, basis, rendered.pages, config.site_dir)
        staged = StagedFolder(config.site_dir)
        try:
            if reuse:  # a dirty build: start from the current site, render only the pages that changed
                staged.link_current()
            result = build_with_mkdocs(config, config.docs_dir, staged.path, reuse=reuse, previous_site=config.site_dir)
            write_build_marker(staged.path, drafts=drafts)  # `publish` refuses a --drafts build
            staged.keep_unchanged()
        except BaseException:
            staged.discard()
            raise
        warnings, reused = result.warnings, result.reused
        record = {"basis": basis, "warnings": len(warnings), "pages": {
            path: [_text_sha256(markdown), result.pages[path], _sha256(staged.path / result.pages[path])]
            for path, markdown in rendered.pages.items() if path in result.pages
        }}
        if progress:
            progress("构建网站", 1, 1)
    report = SiteReport(
        site_dir=config.site_dir,
        docs_dir=config.docs_dir,
        pages=page_count,
        cases=len(site.cases),
        drafts=sum(1 for v in site.cases if not v.case.published),
        episodes=sum(1 for v in site.cases if v.episode),
        changed=changed,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - started,
        skipped=staged is None,
        reused=reused,
    )
    return StagedSite(report, staged, fingerprint, config, record)


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
    staged = stage_site(library, config, drafts=drafts, episodes=episodes, progress=progress, rendered=rendered)
    staged.commit()
    return staged.report
