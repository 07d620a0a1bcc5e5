"""``python build.py wechat --push [SLUG…]``: rendered, gated, published articles → the WeChat draft box.

For each article: body images go up through ``media/uploadimg`` (their mmbiz URLs replace the local
paths in the HTML), the cover through ``material/add_material`` (its media_id is ``thumb_media_id``),
then ``draft/add`` — or ``draft/update`` of the same draft when the case was pushed before. Everything
that can be checked locally (image formats and sizes, field limits) is checked before the first call.
群发 (mass sending) is never done: a person reviews the draft in the editor and sends it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..config import Config
from ..diagnostics import Diagnostic, error
from ..errors import ContentError
from ..wechat.article import Article
from ..wechat.tree import parse_fragment, serialize_children
from .push_state import PushedArticle, PushState
from .wechat_api import WechatApiError, WechatClient, api_base, read_credentials
from .wechat_images import BODY_LIMIT, MATERIAL_LIMIT, ImageRefused, Upload, prepare_image

#: draft/add field limits from the API documentation (characters; the URL in bytes)
FIELD_LIMITS = {"title": 32, "author": 16, "digest": 128}
URL_LIMIT = 1024


@dataclass(frozen=True)
class PreparedArticle:
    article: Article
    images: dict[str, Upload]  #: src in the article HTML → what to upload
    cover: Upload
    cover_name: str


@dataclass
class PushReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    uploaded_images: int = 0
    reused_images: int = 0
    lines: list[str] = field(default_factory=list)  #: one per article (the --dry-run summary)
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            return f"公众号草稿（演练，未调用接口）：{len(self.lines)} 篇"
        return (f"公众号草稿：新建 {len(self.added)} 篇，更新 {len(self.updated)} 篇，未变 {len(self.unchanged)} 篇；"
                f"上传图片 {self.uploaded_images} 张，沿用 {self.reused_images} 张。请在公众号后台检查草稿后手动群发。")


def cover_source(article: Article, config: Config) -> Path | None:
    if article.cover is not None:
        return article.cover.source
    from ..audio.settings import artwork_path, parse_audio_settings

    return artwork_path(config, parse_audio_settings(config))


def prepare_articles(articles: Sequence[Article], config: Config) -> list[PreparedArticle]:
    """Check and convert every image and field first; ContentError (nothing pushed) lists every problem."""
    problems: list[Diagnostic] = []
    prepared = []
    for article in articles:
        path = article.case.display_path
        problems += check_fields(article)
        images = {}
        for image in article.images:
            try:
                images[image.src] = prepare_image(image.source, BODY_LIMIT)
            except ImageRefused as exc:
                problems.append(error(path, image.line or article.case.body_line, 1, "WX401", f"body image {exc}"))
        source = cover_source(article, config)
        line = article.case.field_lines.get("cover", 1)
        cover = None
        if source is None:
            problems.append(error(path, line, 1, "WX403", "the draft needs a cover: set 'cover: ../images/<name>.jpg' or the series artwork"))
        else:
            try:
                cover = prepare_image(source, MATERIAL_LIMIT)
            except ImageRefused as exc:
                problems.append(error(path, line, 1, "WX401", f"cover {exc}"))
        if cover is not None:
            prepared.append(PreparedArticle(article, images, cover, source.name))
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in the articles to push; nothing was sent to WeChat", problems)
    return prepared


def check_fields(article: Article) -> list[Diagnostic]:
    case = article.case
    found = []
    for name, value in (("title", case.title), ("author", case.author), ("digest", case.summary)):
        if len(value) > FIELD_LIMITS[name]:
            key = "summary" if name == "digest" else name
            found.append(error(case.display_path, case.field_lines.get(key, 1), 1, "WX402",
                               f"{key} has {len(value)} characters; WeChat's draft API takes at most {FIELD_LIMITS[name]}: shorten it"))
    if len(article.page_url.encode()) > URL_LIMIT:
        found.append(error(case.display_path, 1, 1, "WX402", "the page address (阅读原文) is over 1 KB; shorten site_url"))
    return found


def describe(prepared: PreparedArticle, state: PushState) -> str:
    known = state.articles.get(prepared.article.slug, PushedArticle())
    new = sum(1 for u in prepared.images.values() if _sha(u.data) not in known.images)
    action = "更新草稿" if known.draft else "新建草稿"
    a = prepared.article
    return (f"{a.slug}：{action}「{a.case.title}」，{a.text_chars} 字，正文图片 {len(prepared.images)} 张（需上传 {new} 张），"
            f"封面 {prepared.cover_name}，阅读原文 {a.page_url}")


def push_drafts(articles: Sequence[Article], config: Config, *, dry_run: bool = False,
                client: WechatClient | None = None) -> PushReport:
    """Push every article to the draft box (or, with ``dry_run``, only say what would be sent)."""
    prepared = prepare_articles(articles, config)
    state = PushState.load(config)
    report = PushReport(lines=[describe(p, state) for p in prepared], dry_run=dry_run)
    if dry_run:
        return report
    client = client or WechatClient(api_base(config), read_credentials())
    for item in prepared:
        push_article(item, client, state, report)
    return report


def push_article(item: PreparedArticle, client: WechatClient, state: PushState, report: PushReport) -> None:
    slug = item.article.slug
    known = state.article(slug)
    urls = {src: _uploaded(known.images, upload, client.upload_image, report) for src, upload in item.images.items()}
    state.save()
    thumb = _uploaded(known.thumbs, item.cover, client.add_image_material, report)
    state.save()
    payload = draft_payload(item.article, urls, thumb)
    digest = _sha(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode())
    if known.draft and known.content == digest:
        report.unchanged.append(slug)
        return
    if known.draft:
        try:
            client.update_draft(known.draft, payload)
            report.updated.append(slug)
        except WechatApiError as exc:
            if exc.errcode != 40007:  # the draft was deleted or published in the editor: add a new one
                raise
            known.draft = ""
    if not known.draft:
        known.draft = client.add_draft(payload)
        report.added.append(slug)
    known.content = digest
    state.save()


def _uploaded(cache: dict[str, str], upload: Upload, send, report: PushReport) -> str:  # noqa: ANN001
    key = _sha(upload.data)
    if key in cache:
        report.reused_images += 1
        return cache[key]
    cache[key] = send(upload.name, upload.data, upload.mime)
    report.uploaded_images += 1
    return cache[key]


def draft_payload(article: Article, urls: dict[str, str], thumb_media_id: str) -> dict:
    case = article.case
    return {
        "title": case.title, "author": case.author, "digest": case.summary,
        "content": replace_image_urls(article.html, urls), "content_source_url": article.page_url,
        "thumb_media_id": thumb_media_id, "need_open_comment": 0, "only_fans_can_comment": 0,
    }


def replace_image_urls(html: str, urls: dict[str, str]) -> str:
    root = parse_fragment(html)
    for img in root.iter("img"):
        img.set("src", urls[img.get("src", "")])
    return serialize_children(root)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
