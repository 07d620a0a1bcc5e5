"""The preview's watcher wakes on a saved file, not on a file being read (the regeneration reads them all)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from watchdog.observers import Observer

from casecast.site.live_preview import _Changes


@pytest.fixture
def watched(tmp_path: Path):  # noqa: ANN201
    folder, docs = tmp_path / "content", tmp_path / "docs"
    folder.mkdir()
    docs.mkdir()
    (folder / "case.md").write_text("旧的\n", encoding="utf-8")
    wake = threading.Event()
    observer = Observer()
    observer.schedule(_Changes(wake, docs), str(folder), recursive=True)
    observer.schedule(_Changes(wake, docs), str(docs), recursive=True)
    observer.start()
    try:
        yield folder, docs, wake
    finally:
        observer.stop()
        observer.join(timeout=5)


def test_reading_a_watched_file_does_not_wake_the_preview(watched) -> None:
    folder, _, wake = watched
    for _ in range(3):
        (folder / "case.md").read_text(encoding="utf-8")
    assert not wake.wait(timeout=1.0)


def test_saving_a_watched_file_wakes_the_preview(watched) -> None:
    folder, _, wake = watched
    (folder / "case.md").write_text("新的\n", encoding="utf-8")
    assert wake.wait(timeout=5.0)


def test_writing_the_generated_docs_does_not_wake_the_preview(watched) -> None:
    _, docs, wake = watched
    (docs / "index.md").write_text("生成的\n", encoding="utf-8")
    assert not wake.wait(timeout=1.0)
