"""The public education website: pages generated from the case library, built with MkDocs + Material.

``build_site`` renders the Markdown pages into the generated docs folder and builds them into
``site/`` (swapped in only when the build succeeds); ``serve`` is the editors' live preview.
"""

from __future__ import annotations

from .builder import RenderedSite, SiteReport, StagedSite, build_site, generate_docs, render_pages, stage_site
from .live_preview import serve
from .settings import SiteSettings, load_site_settings

__all__ = ["RenderedSite", "SiteReport", "StagedSite", "stage_site", "render_pages", "SiteSettings", "build_site", "generate_docs", "load_site_settings", "serve"]
