"""The list of generated pages: where each goes, its template, front matter and data.

Case pages live at ``cases/<slug>/index.md`` so that they are published at ``cases/<slug>/``
(see :func:`casecast.urls.case_page_url`) and still open from a folder as ``…/index.html``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..config import Config
from ..urls import case_page_url
from .qr import QR_PLACEHOLDER
from .settings import SiteSettings
from .views import CaseView, Listing, SiteView

#: Listing pages repeat case summaries; keep them out of search so results point at the cases.
NOT_SEARCHED: Mapping[str, Any] = {"search": {"exclude": True}}


@dataclass(frozen=True)
class Page:
    path: str  #: relative to the generated docs folder, with ``/``
    template: str  #: relative to ``templates/site/``
    meta: Mapping[str, Any]  #: front matter
    context: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The relative way back to the site root from this page, e.g. ``../../``."""
        return "../" * self.path.count("/")


def case_page_path(slug: str) -> str:
    return f"cases/{slug}/index.md"


def _case_page(view: CaseView, config: Config) -> Page:
    case = view.case
    meta: dict[str, Any] = {"title": case.title, "description": case.summary}
    if case.tags:
        meta["tags"] = list(case.tags)  # Material's search indexes these as whole words
    meta["casecast"] = {"slug": case.slug, "status": case.status}
    cover = os.path.relpath(case.cover, case.path.parent).replace(os.sep, "/") if case.cover else None
    url = case_page_url(config, case.slug)
    context = {"view": view, "url": url, "cover": cover, "qr": QR_PLACEHOLDER}
    return Page(case_page_path(case.slug), "case.md.j2", meta, context)


def _transcript_page(view: CaseView) -> Page | None:
    """The episode's transcript as a page of the site, next to the case page (read-along)."""
    show = view.episode
    if not show or not show.transcript_page:
        return None
    meta = {"title": f"文字稿：{view.case.title}", "description": view.case.summary, **NOT_SEARCHED}
    return Page(show.transcript_page, "transcript.md.j2", meta, {"view": view})


def _listing_pages(kind: str, title: str, listings: tuple[Listing, ...]) -> list[Page]:
    pages = [Page(f"{kind}/index.md", "terms.md.j2", {"title": title, **NOT_SEARCHED}, {"kind": kind, "listings": listings})]
    for listing in listings:
        meta = {"title": listing.label, "description": listing.description, **NOT_SEARCHED}
        pages.append(Page(f"{kind}/{listing.key}/index.md", "term.md.j2", meta, {"kind": kind, "listing": listing}))
    return pages


def plan_pages(site: SiteView, config: Config, settings: SiteSettings) -> list[Page]:
    """Every page of the site, home first."""
    home = {"title": "首页", "description": settings.intro or config.site_description, **NOT_SEARCHED}
    pages = [Page("index.md", "home.md.j2", home, {"latest": site.cases[: settings.latest]})]
    pages += [_case_page(view, config) for view in site.cases]
    pages += [page for page in map(_transcript_page, site.cases) if page]
    pages += _listing_pages("categories", "风险类别", site.categories)
    pages += _listing_pages("audiences", "适用人群", site.audiences)
    pages.append(Page("tags.md", "tags.md.j2", {"title": "标签", **NOT_SEARCHED}))
    pages.append(Page("episodes.md", "episodes.md.j2", {"title": "有声节目", **NOT_SEARCHED}))
    return pages
