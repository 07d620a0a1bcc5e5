"""The one module that talks to MkDocs: build the generated docs folder, or serve it live.

Everything else in ``casecast.site`` produces plain Markdown pages and files, so replacing
MkDocs (1.x is unmaintained; Material's successor Zensical reads the same ``mkdocs.yml``)
means replacing this module only.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from ..config import Config
from ..errors import BuildError

MKDOCS_LOGGER = "mkdocs"
#: casecast's sanitiser, CSP and escaping hooks (casecast/site/mkdocs_hooks.py), for build and serve alike.
HOOKS = [str(Path(__file__).with_name("mkdocs_hooks.py"))]
#: ``serve`` adds these: a dirty build, with the pages of removed files deleted (casecast/site/mkdocs_preview_hooks.py).
PREVIEW_HOOKS = [*HOOKS, str(Path(__file__).with_name("mkdocs_preview_hooks.py"))]
DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"  #: MkDocs says so on every preview rebuild: not news to the editor
#: An empty template in the theme overrides: what a page taken from the previous build is "rendered" with.
REUSED_TEMPLATE = "casecast-reused.html"
SEARCH_INDEX = "search/search_index.json"


@dataclass(frozen=True)
class MkDocsResult:
    """What an MkDocs build produced besides the files."""

    warnings: list[str]
    pages: dict[str, str] = field(default_factory=dict)  #: every page built: docs path → its HTML's path in the site
    reused: int = 0  #: pages whose HTML and search entries were taken from the previous build


class _Collect(logging.Handler):
    def __init__(self, forward: Callable[[str], None] | None = None) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.forward = forward

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(DIRTY_BUILD_NOTICE):
            return
        message = f"{record.levelname.lower()}: {record.getMessage()}"
        self.messages.append(message)
        if self.forward:
            self.forward(message)


@contextmanager
def captured_mkdocs_messages(forward: Callable[[str], None] | None = None) -> Iterator[list[str]]:
    """MkDocs' warnings and errors, kept for the report (and passed to ``forward``) instead of printed."""
    logger = logging.getLogger(MKDOCS_LOGGER)
    handler, propagate = _Collect(forward), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _failure(config: Config, exc: BaseException, messages: list[str]) -> BuildError:
    detail = "; ".join(m for m in messages if m.startswith("error")) or f"{type(exc).__name__}: {exc}"
    return BuildError(f"{config.config_file}: the website build failed: {detail}; the previous site/ was left as it was")


def _link_static_files() -> object:
    """A plugin that hard-links MkDocs' static files (MP3s, images) into the site instead of copying their bytes."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import File, Files

    from ..writer import link_or_copy

    class LinkedFile(File):
        def copy_file(self, dirty: bool = False) -> None:
            if self.abs_src_path is None or self._content is not None:
                super().copy_file(dirty)
                return
            link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))

    class LinkStaticFiles(BasePlugin):
        def on_files(self, files: Files, /, *, config: object) -> Files:
            for file in files:
                if type(file) is File and file.is_media_file() and file.abs_src_path and file.generated_by is None:
                    file.__class__ = LinkedFile
            return files

    return LinkStaticFiles()


def _reuse_pages(previous_site: Path, reuse: Mapping[str, str], built: dict[str, str]) -> object:
    """A plugin that takes the ``reuse`` pages (docs path → HTML path) from ``previous_site`` instead of rendering them.

    Such a page is given a one-line stand-in source that names an empty template (so MkDocs neither
    converts its Markdown nor renders the theme for it); its finished HTML is put back in place of
    the output, and its entries in Material's search index replace those of the stand-in, in place,
    so the index keeps the order of a full build. The caller only lists pages whose Markdown and
    every other input of their HTML are unchanged (``casecast.site.builder``): a test proves the
    result byte-identical to a full build. Every page's HTML path is recorded in ``built``.
    """
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import Files

    stand_in = f"---\ntemplate: {REUSED_TEMPLATE}\n---\n\n(reused)\n"  # not empty: the hooks parse the body
    entries: dict[str, list[Any]] = {}
    if reuse:
        for entry in json.loads((previous_site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]:
            entries.setdefault(entry["location"].split("#", 1)[0], []).append(entry)

    class ReusePages(BasePlugin):
        def on_files(self, files: Files, /, *, config: Any) -> Files:
            for file in files.documentation_pages():
                built[file.src_uri] = file.dest_uri
                if file.src_uri in reuse:
                    file.content_string = stand_in
            return files

        @event_priority(-100)  # after Material's search has indexed the stand-in
        def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
            if page.file.src_uri in reuse:
                index = _search_entries(config)
                ours = [i for i, e in enumerate(index) if e["location"].split("#", 1)[0] == page.url]
                at = ours[0] if ours else len(index)
                index[at:at + len(ours)] = entries.get(page.url, [])
            return context

        @event_priority(-100)  # after casecast's hooks: the previous HTML had them applied already
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            if page.file.src_uri in reuse:
                return (previous_site / reuse[page.file.src_uri]).read_text(encoding="utf-8")
            return output

    return ReusePages()


def _search_entries(config: Any) -> list[Any]:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return []


def mkdocs_version() -> str:
    """MkDocs' and the theme's versions: a change of either means the site must be built again."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("mkdocs", "mkdocs-material"):
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}==?")
    return " ".join(found)


def build_with_mkdocs(config: Config, docs_dir: Path, site_dir: Path, *,
                      reuse: Mapping[str, str] | None = None, previous_site: Path | None = None) -> MkDocsResult:
    """Build ``docs_dir`` into ``site_dir`` (which MkDocs empties first).

    Static files are hard links to the docs folder's files (themselves links to ``audio/`` and the content
    folder), so the audio library's bytes are never copied. The ``reuse`` pages (docs path → HTML path
    in ``previous_site``) are taken from the previous build instead of being rendered again.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    reuse = dict(reuse or {}) if previous_site is not None else {}
    built: dict[str, str] = {}
    with captured_mkdocs_messages() as messages:
        try:
            mkdocs_config = load_config(
                config_file=str(config.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), hooks=HOOKS
            )
            mkdocs_config.plugins["casecast-link-static-files"] = _link_static_files()  # type: ignore[assignment]
            mkdocs_config.plugins["casecast-reuse-pages"] = _reuse_pages(previous_site or site_dir, reuse, built)  # type: ignore[assignment]
            mkdocs_config.plugins.on_startup(command="build", dirty=False)
            try:
                build(mkdocs_config)
            finally:
                mkdocs_config.plugins.on_shutdown()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - third-party boundary: any failure is a BuildError
            raise _failure(config, exc, messages) from None
    return MkDocsResult(list(messages), built, sum(1 for page in reuse if page in built))


def serve_with_mkdocs(config: Config, docs_dir: Path, *, host: str, port: int, notify: Callable[[str], None]) -> None:
    """MkDocs' live-reloading server over ``docs_dir``; blocks until Ctrl+C.

    After the first build, a save rebuilds only the pages whose files changed (MkDocs' dirty build:
    the docs folder's unchanged files keep their modification time). The case pages are not in the
    navigation, so no other page shows a stale title; Material's search index keeps its entries for
    the pages not rebuilt.
    """
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    try:
        with captured_mkdocs_messages(notify):
            serve(config_file=str(config.config_file), build_type="dirty", watch_theme=True, docs_dir=str(docs_dir),
                  dev_addr=f"{host}:{port}", hooks=PREVIEW_HOOKS)
    except MkDocsException as exc:
        raise BuildError(f"{config.config_file}: the preview server failed: {exc}") from None
    except OSError as exc:
        raise BuildError(f"cannot serve on {host}:{port}: {exc.strerror}; pass another --port") from None
