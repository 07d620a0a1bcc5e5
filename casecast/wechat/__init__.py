"""WeChat Official Account (公众号) articles: inline-styled, sanitised HTML fragments and a copy-ready preview.

Public API (the command line calls these):

- ``render_article(case, config) -> Article``: one case, in memory.
- ``render_articles(cases, config) -> list[Article]`` and ``check_articles(articles) -> list[Diagnostic]``.
- ``build_wechat(library, config, *, slugs=(), drafts=False, strict=False) -> WechatReport``: render, check,
  then write ``wechat/`` in one swap.
"""

from __future__ import annotations

from .article_set import StagedWechat, WechatReport, build_wechat, render_articles, stage_wechat, write_wechat
from .limits import check_articles
from .article import Article, render_article
from .theme import WechatTheme, load_theme

__all__ = [
    "Article",
    "WechatReport",
    "WechatTheme",
    "build_wechat",
    "check_articles",
    "load_theme",
    "render_article",
    "render_articles",
    "stage_wechat",
    "StagedWechat",
    "write_wechat",
]
