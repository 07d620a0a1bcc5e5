"""``python build.py wechat [SLUG…]``: render, check, then write ``wechat/`` in one swap.

Everything is rendered and checked in memory first; the files go to a temporary folder next to
``wechat/`` which then replaces it, so a failed or interrupted build leaves the previous one intact.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..config import Config
from ..console import ProgressCallback, track
from ..diagnostics import Diagnostic, count_errors, sort_diagnostics
from ..errors import BuildError, ContentError
from ..model import Case, Library
from ..suggest import did_you_mean
from ..swap import staging_folder, swap_in
from .images import ArticleImage
from .limits import check_articles
from .preview import read_entries, render_index
from .render import Article, ArticleRenderer


@dataclass(frozen=True)
class WechatReport:
    """What a WeChat build wrote."""

    out_dir: Path
    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    listed: int  #: articles on the preview page (more than ``articles`` after a partial build)

    def summary(self) -> str:
        images = sum(len(a.images) for a in self.articles)
        return f"公众号文章：{len(self.articles)} 篇（待上传图片 {images} 张），预览页 {self.out_dir / 'index.html'}（共 {self.listed} 篇）"


def select_cases(library: Library, slugs: Sequence[str] = (), *, drafts: bool = False) -> tuple[Case, ...]:
    """The public cases, or just the named ones (each must exist and be public, or ``--drafts``)."""
    public = library.public(drafts=drafts)
    if not slugs:
        return public
    known = {case.slug: case for case in library.cases}
    chosen = []
    for slug in dict.fromkeys(slugs):
        if slug not in known:
            raise BuildError(f"no case '{slug}' in {library.content_dir / 'cases'}{did_you_mean(slug, known)}")
        if known[slug] not in public:
            raise BuildError(f"case '{slug}' is {known[slug].status}, not published; add --drafts to render it with a draft banner")
        chosen.append(known[slug])
    return tuple(chosen)


def render_articles(cases: Iterable[Case], config: Config, *, progress: ProgressCallback | None = None) -> list[Article]:
    """Render every case in memory (nothing is written)."""
    cases = list(cases)
    renderer = ArticleRenderer(config)
    return [renderer.render(case) for case in track(cases, "公众号文章", len(cases), progress)]


def build_wechat(
    library: Library,
    config: Config,
    *,
    slugs: Sequence[str] = (),
    drafts: bool = False,
    strict: bool = False,
    out_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> WechatReport:
    """Render, check and write the WeChat articles; ContentError (nothing written) when a check fails."""
    articles = render_articles(select_cases(library, slugs, drafts=drafts), config, progress=progress)
    diagnostics = sort_diagnostics(check_articles(articles))
    failures = count_errors(diagnostics, strict=strict)
    if failures:
        raise ContentError(f"{failures} problem(s) in the WeChat articles; wechat/ was left as it was", diagnostics)
    return write_wechat(articles, config, out_dir=out_dir, keep_others=bool(slugs), diagnostics=diagnostics)


def write_wechat(
    articles: Sequence[Article],
    config: Config,
    *,
    out_dir: Path | None = None,
    keep_others: bool = False,
    diagnostics: Sequence[Diagnostic] = (),
) -> WechatReport:
    """Write the articles, their JSON, their images and the preview page, replacing ``out_dir`` in one swap.

    With ``keep_others`` (a build of named slugs) the articles already in ``out_dir`` stay.
    """
    target = (out_dir or config.wechat_dir).resolve()
    try:
        with staging_folder(target) as staging:
            if keep_others and target.is_dir():
                shutil.copytree(target, staging, dirs_exist_ok=True)
            for article in articles:
                write_article(article, staging, config)
            entries = read_entries(staging)
            (staging / "index.html").write_text(render_index(entries, config), encoding="utf-8")
            swap_in(staging, target)
    except OSError as exc:
        raise BuildError(f"could not write {target}: {exc.strerror or exc}; the previous output was left as it was") from None
    return WechatReport(target, tuple(articles), tuple(diagnostics), len(entries))


def write_article(article: Article, folder: Path, config: Config) -> None:
    """``<slug>.html``, ``<slug>.json`` and a copy of every image the article needs."""
    (folder / f"{article.slug}.html").write_text(article.html, encoding="utf-8")
    meta = draft_fields(article)
    (folder / f"{article.slug}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for image in (*article.images, *([article.cover] if article.cover else [])):
        copy = folder / image.src
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image.source, copy)


def draft_fields(article: Article) -> dict:
    """What WeChat's ``draft/add`` needs, plus the local files to upload first."""
    case = article.case
    return {
        "title": case.title,
        "author": case.author,
        "digest": case.summary,
        "content_source_url": article.page_url,
        "content": f"{case.slug}.html",
        "cover": _image_fields(article.cover) if article.cover else None,
        "images": [_image_fields(image) for image in article.images],
        "slug": case.slug,
        "date": case.date.isoformat(),
        "status": case.status,
        "episode": case.episode,
        "stats": {"text_chars": article.text_chars, "html_bytes": article.html_bytes},
        "references": [{"number": r.number, "title": r.title, "url": r.url} for r in article.references],
    }


def _image_fields(image: ArticleImage) -> dict:
    return {"src": image.src, "alt": image.alt, "bytes": image.source.stat().st_size}
