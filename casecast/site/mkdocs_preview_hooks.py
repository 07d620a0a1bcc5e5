"""MkDocs hooks for ``serve`` only: the preview rebuilds just the pages that changed (a dirty build).

A dirty build leaves the pages of removed files in place; here they are deleted after each build,
so a case that fails the check (and so leaves the docs folder) disappears from the preview at once.
Registered by :func:`casecast.site.mkdocs_engine.serve_with_mkdocs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_built: set[str] = set()  #: every page and file of the build in progress, by its path in the site


def on_files(files: Any, config: Any) -> Any:
    _built.clear()
    _built.update(file.dest_uri for file in files)
    return files


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        if relative not in _built and relative != "404.html":
            page.unlink()
