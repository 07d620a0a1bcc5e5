"""``serve``: the editors' live preview.

A watcher thread regenerates the docs folder whenever a case, the taxonomy or a site template
changes; MkDocs' live-reloading server watches that folder, rebuilds and refreshes the browser.
A case that fails the check drops out of the preview until it is fixed (its findings are reported).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Mapping

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..config import Config
from ..errors import CasecastError
from ..loader import CaseCache, load_library
from ..model import Episode
from .builder import SITE_TEMPLATES, generate_docs, prepare_search, render_pages
from .mkdocs_engine import serve_with_mkdocs

Notify = Callable[[str], None]
SETTLE_SECONDS = 0.3  #: editors save in bursts (temp file, rename); wait for the burst to end


def regenerate(config: Config, *, drafts: bool, episodes: Mapping[str, Episode] | None, notify: Notify,
               cache: CaseCache | None = None) -> bool:
    """Reload the library (with ``cache``: only the files saved since) and rewrite the docs folder;
    reports findings instead of raising."""
    try:
        library, problems = load_library(config, cache=cache)
        for problem in problems:
            notify(problem.format())
        rendered = render_pages(library, config, drafts=drafts, episodes=episodes)
        _, _, changed = generate_docs(library, config, rendered=rendered)
        prepare_search(rendered)
    except CasecastError as exc:
        notify(f"预览未更新：{exc}")
        return False
    if changed:
        notify(f"预览已更新：{len(library.public(drafts=drafts))} 个案例，{changed} 个文件有变化")
    return True


#: the events that say a file's bytes or name changed. Reading a file gives ``opened`` and
#: ``closed_no_write``: reacting to those, each regeneration (which reads every template) woke the next.
CHANGE_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed"})


class _Changes(FileSystemEventHandler):
    def __init__(self, wake: threading.Event, ignore: Path) -> None:
        self.wake, self.ignore = wake, ignore

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS or event.is_directory and event.event_type == "modified":
            return
        path = Path(str(event.src_path))
        if not path.is_relative_to(self.ignore) and not path.name.startswith(".#"):
            self.wake.set()


def _regenerate_on_change(wake: threading.Event, stop: threading.Event, rebuild: Callable[[], bool]) -> None:
    while not stop.is_set():
        if wake.wait(timeout=0.5):
            while wake.is_set():  # let the burst of events settle
                wake.clear()
                stop.wait(SETTLE_SECONDS)
            if not stop.is_set():
                rebuild()


def watched_folders(config: Config) -> list[Path]:
    return [p for p in (config.content_dir, config.templates_dir / SITE_TEMPLATES) if p.is_dir()]


def serve(
    config: Config,
    *,
    drafts: bool = False,
    host: str = "127.0.0.1",
    port: int = 8000,
    episodes: Mapping[str, Episode] | None = None,
    notify: Notify | None = None,
) -> None:
    """Serve a live preview at ``http://host:port/`` until Ctrl+C; edits to cases show up on save."""
    say = notify or (lambda message: None)
    cache = CaseCache()
    rebuild = lambda: regenerate(config, drafts=drafts, episodes=episodes, notify=say, cache=cache)  # noqa: E731
    rebuild()
    wake, stop = threading.Event(), threading.Event()
    observer = Observer()
    for folder in watched_folders(config):
        observer.schedule(_Changes(wake, config.docs_dir), str(folder), recursive=True)
    worker = threading.Thread(target=_regenerate_on_change, args=(wake, stop, rebuild), name="casecast-preview", daemon=True)
    observer.start()
    worker.start()
    say(f"预览地址：http://{host}:{port}/ （保存案例后自动刷新，按 Ctrl+C 结束）")
    try:
        serve_with_mkdocs(config, config.docs_dir, host=host, port=port, notify=say)
    finally:
        stop.set()
        observer.stop()
        observer.join(timeout=5)
        worker.join(timeout=5)
