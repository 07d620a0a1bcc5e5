"""``python build.py wechat [SLUG…]``: render, check and gate (in ``casecast.pipeline``), then write ``wechat/`` in one swap.

Everything is rendered and checked in memory first; the files go to a staging folder next to
``wechat/`` which then replaces it, so a failed or interrupted build leaves the previous one intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from markupsafe import Markup

from ..build_record import code_fingerprint, folder_digest
from ..config import Config
from ..console import ProgressCallback, track
from ..diagnostics import Diagnostic
from ..errors import BuildError, CasecastError
from ..model import Case, Library
from ..memo import Memo, cache_dir, content_key
from ..writer import StagedFolder
from .images import ArticleImage, DroppedImage
from .footnotes import Reference
from .preview_page import PreviewEntry, read_entries, render_index
from .article import Article, ArticleRenderer


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


def render_articles(cases: Iterable[Case], config: Config, *, progress: ProgressCallback | None = None,
                    prune: bool = False) -> list[Article]:
    """Render every case in memory (nothing is written); an article rendered before from the same case file,
    settings, templates and code is taken from ``.cache/casecast/wechat-articles.json``. ``prune`` (all
    public cases were rendered): forget the articles not rendered now."""
    cases = list(cases)
    memo = Memo(cache_dir(config) / MEMO_FILE, MEMO_VERSION)
    basis = content_key("wechat article", code_fingerprint(), repr(config), folder_digest(config.templates_dir / "wechat"))
    renderer: ArticleRenderer | None = None
    articles = []
    for case in track(cases, "公众号文章", len(cases), progress):
        key = content_key(basis, case.fingerprint)
        article = remembered_article(memo.get(key), case)
        if article is None:
            renderer = renderer or ArticleRenderer(config)
            article = renderer.render(case)
            memo.put(key, article_fields(article))
        articles.append(article)
    memo.save(prune=prune)
    return articles


MEMO_FILE = "wechat-articles.json"
MEMO_VERSION = 1


def article_fields(article: Article) -> dict[str, Any]:
    """An article as JSON, without its case (what the memo keeps)."""
    image = lambda i: [i.src, str(i.source), i.alt, i.line]  # noqa: E731
    return {
        "html": article.html, "text": article.text, "images": [image(i) for i in article.images],
        "dropped": [[d.target, d.line, d.reason] for d in article.dropped_images],
        "cover": image(article.cover) if article.cover else None,
        "references": [[r.number, r.title, r.url] for r in article.references], "page_url": article.page_url,
    }


def remembered_article(fields: Any, case: Case) -> Article | None:
    """The article of ``case`` from its remembered fields (None when there are none or they are damaged)."""
    if not isinstance(fields, dict):
        return None
    image = lambda i: ArticleImage(i[0], Path(i[1]), i[2], i[3])  # noqa: E731
    try:
        return Article(
            case=case, html=fields["html"], text=fields["text"], images=tuple(image(i) for i in fields["images"]),
            dropped_images=tuple(DroppedImage(*d) for d in fields["dropped"]),
            cover=image(fields["cover"]) if fields["cover"] else None,
            references=tuple(Reference(*r) for r in fields["references"]), page_url=fields["page_url"],
        )
    except (KeyError, TypeError, IndexError):
        return None


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
    """Render, check, gate and write the WeChat articles (the same path as ``python build.py wechat``).

    ContentError (nothing written) when a limit or the compliance gate fails.
    """
    from ..pipeline import BuildOptions, render_wechat

    articles, diagnostics = render_wechat(library, config, BuildOptions(strict=strict, drafts=drafts), slugs=slugs, progress=progress)
    return write_wechat(articles, config, out_dir=out_dir, keep_others=bool(slugs), diagnostics=diagnostics)


@dataclass
class StagedWechat:
    """The WeChat folder assembled beside ``wechat/``, waiting to be swapped in with the other outputs."""

    report: WechatReport
    staged: StagedFolder

    def commit(self) -> bool:
        try:
            return self.staged.commit()
        except CasecastError:
            raise
        except OSError as exc:
            raise BuildError(f"could not write {self.staged.target}: {exc.strerror or exc}; the previous output was left as it was") from None

    def discard(self) -> None:
        self.staged.discard()


def stage_wechat(
    articles: Sequence[Article],
    config: Config,
    *,
    out_dir: Path | None = None,
    keep_others: bool = False,
    diagnostics: Sequence[Diagnostic] = (),
) -> StagedWechat:
    """Write the articles, their JSON, their images and the preview page into a staging folder.

    Unchanged files are hard links to the current ones (they keep their mtime). With ``keep_others``
    (a build of named slugs) the articles already in the folder stay. The preview page is made from the
    articles in memory (and, for a partial build, the other articles' files already there).
    """
    target = (out_dir or config.wechat_dir).resolve()
    staged = StagedFolder(target)
    try:
        entries = {a.slug: PreviewEntry(draft_fields(a), Markup(a.html)) for a in articles}  # noqa: S704 - sanitised output
        if keep_others and target.is_dir():
            for entry in read_entries(target):
                if entry.slug not in entries:
                    entries[entry.slug] = entry
                    _keep_article(target, staged, entry)
        for article in articles:
            write_article(article, staged)
        listed = sorted(entries.values(), key=lambda e: (e.meta.get("date", ""), e.slug), reverse=True)
        staged.write("index.html", render_index(listed, config))
    except OSError as exc:
        staged.discard()
        raise BuildError(f"could not write {target}: {exc.strerror or exc}; the previous output was left as it was") from None
    except BaseException:
        staged.discard()
        raise
    return StagedWechat(WechatReport(target, tuple(articles), tuple(diagnostics), len(entries)), staged)


def write_wechat(
    articles: Sequence[Article],
    config: Config,
    *,
    out_dir: Path | None = None,
    keep_others: bool = False,
    diagnostics: Sequence[Diagnostic] = (),
) -> WechatReport:
    """Stage the folder (see :func:`stage_wechat`), then swap it in."""
    staged = stage_wechat(articles, config, out_dir=out_dir, keep_others=keep_others, diagnostics=diagnostics)
    staged.commit()
    return staged.report


def _keep_article(current: Path, staged: StagedFolder, entry: PreviewEntry) -> None:
    """Carry an article of an earlier build (its HTML, JSON and images) into the staging folder."""
    meta = entry.meta
    names = [f"{entry.slug}.json", meta.get("content", f"{entry.slug}.html")]
    names += [image["src"] for image in (*(meta.get("images") or []), *([meta["cover"]] if meta.get("cover") else []))]
    for name in names:
        if (current / name).is_file():
            staged.place(name, current / name)


def write_article(article: Article, staged: StagedFolder) -> None:
    """``<slug>.html``, ``<slug>.json`` and every image the article needs (linked, not copied)."""
    staged.write(f"{article.slug}.html", article.html)
    meta = draft_fields(article)
    staged.write(f"{article.slug}.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    for image in (*article.images, *([article.cover] if article.cover else [])):
        if not (staged.path / image.src).exists():
            staged.place(image.src, image.source)


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
