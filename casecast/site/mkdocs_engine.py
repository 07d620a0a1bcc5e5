"""The one module that talks to MkDocs: build the generated docs folder, or serve it live.

Everything else in ``casecast.site`` produces plain Markdown pages and files, so replacing
MkDocs (1.x is unmaintained; Material's successor Zensical reads the same ``mkdocs.yml``)
means replacing this module only.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..config import Config
from ..errors import BuildError

MKDOCS_LOGGER = "mkdocs"
#: casecast's sanitiser, CSP and escaping hooks (casecast/site/mkdocs_hooks.py), for build and serve alike.
HOOKS = [str(Path(__file__).with_name("mkdocs_hooks.py"))]


class _Collect(logging.Handler):
    def __init__(self, forward: Callable[[str], None] | None = None) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.forward = forward

    def emit(self, record: logging.LogRecord) -> None:
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


def build_with_mkdocs(config: Config, docs_dir: Path, site_dir: Path) -> list[str]:
    """Build ``docs_dir`` into ``site_dir`` (which MkDocs empties first); returns MkDocs' warnings.

    Static files are hard links to the docs folder's files (themselves links to ``audio/`` and the content
    folder), so the audio library's bytes are never copied.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with captured_mkdocs_messages() as messages:
        try:
            mkdocs_config = load_config(
                config_file=str(config.config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), hooks=HOOKS
            )
            mkdocs_config.plugins["casecast-link-static-files"] = _link_static_files()  # type: ignore[assignment]
            mkdocs_config.plugins.on_startup(command="build", dirty=False)
            try:
                build(mkdocs_config)
            finally:
                mkdocs_config.plugins.on_shutdown()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - third-party boundary: any failure is a BuildError
            raise _failure(config, exc, messages) from None
    return list(messages)


def serve_with_mkdocs(config: Config, docs_dir: Path, *, host: str, port: int, notify: Callable[[str], None]) -> None:
    """MkDocs' live-reloading server over ``docs_dir``; blocks until Ctrl+C."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    try:
        with captured_mkdocs_messages(notify):
            serve(config_file=str(config.config_file), watch_theme=True, docs_dir=str(docs_dir), dev_addr=f"{host}:{port}", hooks=HOOKS)
    except MkDocsException as exc:
        raise BuildError(f"{config.config_file}: the preview server failed: {exc}") from None
    except OSError as exc:
        raise BuildError(f"cannot serve on {host}:{port}: {exc.strerror}; pass another --port") from None
