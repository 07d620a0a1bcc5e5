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
    """A plugin that hard-links MkDocs' static files (MP3s, images, the theme's assets) into the site instead of
    copying their bytes. A link replaces the file it lands on (it never writes into it), which a dirty build's
    starting copy of the previous site relies on."""
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
                if type(file) is File and not file.is_documentation_page() and file.abs_src_path and file.generated_by is None:
                    file.__class__ = LinkedFile
            return files

    return LinkStaticFiles()


def _take_unchanged_pages(previous_site: Path, reuse: Mapping[str, str], built: dict[str, str]) -> object:
    """A plugin for a dirty build into ``site_dir`` holding hard links to ``previous_site``'s files.

    ``reuse`` (docs path → HTML path) lists the pages whose Markdown and every other input of their HTML
    are unchanged (``casecast.site.builder``): MkDocs' dirty build leaves their HTML as it is. Every
    other page, and every static file, is built again whatever the modification times say. Before MkDocs
    writes anything, every link it could write into (all but the reused pages and the static files, which
    are placed by replacing links) is removed, so nothing of ``previous_site`` is ever changed.
    Material's search index then holds only the rebuilt pages' entries: the others' entries are taken
    from the previous index, and all of them put in a full build's order (page by page, as MkDocs builds
    them). A test proves the result byte-identical to a full build. Every page's HTML path is recorded
    in ``built``.
    """
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import Files

    previous: dict[str, list[Any]] = {}
    for entry in json.loads((previous_site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]:
        previous.setdefault(_page_of(entry), []).append(entry)

    class TakeUnchangedPages(BasePlugin):
        files: Files | None = None

        def on_files(self, files: Files, /, *, config: Any) -> Files:
            kept = set()
            for file in files:
                if file.is_documentation_page():
                    built[file.src_uri] = file.dest_uri
                    file.is_modified = (lambda: False) if file.src_uri in reuse else (lambda: True)  # type: ignore[method-assign]
                    if file.src_uri in reuse:
                        kept.add(file.dest_uri)
                else:
                    file.is_modified = lambda: True  # type: ignore[method-assign]
                    kept.add(file.dest_uri)
            site = Path(config.site_dir)
            for path in [p for p in site.rglob("*") if not p.is_dir()]:
                if path.relative_to(site).as_posix() not in kept:
                    path.unlink()  # a page, the sitemap, the search index …: MkDocs writes these into the file
            self.files = files
            return files

        @event_priority(50)  # before Material's search writes its index
        def on_post_build(self, *, config: Any) -> None:
            index = _search_entries(config)
            fresh: dict[str, list[Any]] = {}
            for entry in index:
                fresh.setdefault(_page_of(entry), []).append(entry)
            ordered = []
            for file in self.files.documentation_pages() if self.files else ():
                ordered += (previous if file.src_uri in reuse else fresh).get(file.url, [])
            index[:] = ordered

    return TakeUnchangedPages()


def _page_of(entry: Mapping[str, Any]) -> str:
    """The page a search entry belongs to: its location without the section anchor."""
    return str(entry["location"]).split("#", 1)[0]


def _record_page_paths(built: dict[str, str]) -> object:
    """A plugin that records every page's HTML path (docs path → path in the site) in ``built``."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    class RecordPagePaths(BasePlugin):
        def on_files(self, files: Files, /, *, config: Any) -> Files:
            built.update((file.src_uri, file.dest_uri) for file in files.documentation_pages())
            return files

    return RecordPagePaths()


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
    """Build ``docs_dir`` into ``site_dir``.

    Static files are hard links to the docs folder's files (themselves links to ``audio/`` and the content
    folder), so the audio library's bytes are never copied. Without ``reuse``, MkDocs empties ``site_dir``
    and builds everything. With it, ``site_dir`` holds hard links to ``previous_site``'s files and MkDocs'
    dirty build renders only the pages not in ``reuse`` (docs path → HTML path).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    reuse = dict(reuse or {}) if previous_site is not None else {}
    dirty = bool(reuse)
    built: dict[str, str] = {}
    with captured_mkdocs_messages() as messages:
        try:
            mkdocs_config = load_config(
                config_file=str(config.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), hooks=HOOKS
            )
            mkdocs_config.plugins["casecast-link-static-files"] = _link_static_files()  # type: ignore[assignment]
            if dirty:
                mkdocs_config.plugins["casecast-unchanged-pages"] = _take_unchanged_pages(previous_site, reuse, built)  # type: ignore[arg-type, assignment]
            else:
                mkdocs_config.plugins["casecast-page-paths"] = _record_page_paths(built)  # type: ignore[assignment]
            # not dirty=dirty: Material's search would then keep this index and merge it into the next build's
            # (MkDocs keeps plugin objects for the whole process); the pages not rebuilt are handled above
            mkdocs_config.plugins.on_startup(command="build", dirty=False)
            try:
                build(mkdocs_config, dirty=dirty)
            finally:
                mkdocs_config.plugins.on_shutdown()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - third-party boundary: any failure is a BuildError
            raise _failure(config, exc, messages) from None
    return MkDocsResult(list(messages), built, sum(1 for page in reuse if page in built))


def theme_overrides(config: Config) -> list[str]:
    """The theme's ``custom_dir`` from mkdocs.yml, when it names a folder."""
    from ..config import read_yaml_config

    theme = read_yaml_config(config.config_file).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = config.root / custom if isinstance(custom, str) else None
    return [str(folder)] if folder and folder.is_dir() else []


def serve_with_mkdocs(config: Config, docs_dir: Path, *, host: str, port: int, notify: Callable[[str], None]) -> None:
    """MkDocs' live-reloading server over ``docs_dir``; blocks until Ctrl+C.

    After the first build, a save rebuilds only the pages whose files changed (MkDocs' dirty build:
    the docs folder's unchanged files keep their modification time). The case pages are not in the
    navigation, so no other page shows a stale title; Material's search index keeps its entries for
    the pages not rebuilt. MkDocs polls what it watches twice a second: the docs folder, mkdocs.yml and
    the theme overrides (``theme.custom_dir``), not the whole of Material's theme, which does not change.
    """
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    try:
        with captured_mkdocs_messages(notify):
            serve(config_file=str(config.config_file), build_type="dirty", watch=theme_overrides(config), docs_dir=str(docs_dir),
                  dev_addr=f"{host}:{port}", hooks=PREVIEW_HOOKS)
    except MkDocsException as exc:
        raise BuildError(f"{config.config_file}: the preview server failed: {exc}") from None
    except OSError as exc:
        raise BuildError(f"cannot serve on {host}:{port}: {exc.strerror}; pass another --port") from None
