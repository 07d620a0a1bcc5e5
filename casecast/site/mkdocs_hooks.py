"""MkDocs hooks: the one place where the site's HTML passes casecast's sanitiser (casecast/sanitize.py).

MkDocs and Material templates do not autoescape, so every string from a case that a theme
template prints (page title, description, tags) is escaped here, every page body is reduced to
the allow-list, and every finished page gets a Content-Security-Policy meta tag. Registered by
:mod:`casecast.site.mkdocs_engine` for both ``build`` and ``serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casecast.sanitize import add_content_security_policy, clean_site_html, escape_text
from casecast.site.qr import insert_qr_codes
from casecast.site.templates_cache import compiled_templates_cache

#: Front-matter keys Material prints into HTML (title in <title>/header/nav, description in <meta>).
ESCAPED_META = ("title", "description")


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Material's templates are compiled once, not on every build (MkDocs makes a new environment each time)."""
    env.bytecode_cache = compiled_templates_cache(Path(config.config_file_path).parent)
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    meta = page.meta
    for key in ESCAPED_META:
        if isinstance(meta.get(key), str):
            meta[key] = escape_text(meta[key])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [escape_text(tag) for tag in meta["tags"]]
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Sanitise the body, then draw the case's QR code (the page's own public address) where its placeholder is."""
    public_url = (page.canonical_url or "").removesuffix("index.html")  # as casecast.urls.case_page_url writes it
    return insert_qr_codes(clean_site_html(html), public_url)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return add_content_security_policy(output, page.content or "")


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Theme-only pages (404.html) get the same policy; sitemaps and other files are left alone."""
    return add_content_security_policy(output_content, "") if template_name.endswith(".html") else output_content
