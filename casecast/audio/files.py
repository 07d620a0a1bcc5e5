"""Atomic file writes for the audio area: the build's one writer (``casecast.writer``) does them."""

from __future__ import annotations

from pathlib import Path

from ..writer import TEMP_SUFFIX, remove_temporaries, same_bytes, write_atomic

__all__ = ["TEMP_SUFFIX", "remove_stale_temporaries", "write_atomic", "write_if_changed"]


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically unless the file already holds exactly ``data`` (then its mtime is kept)."""
    if same_bytes(path, data):
        return False
    write_atomic(path, data)
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files left by an interrupted build; returns how many."""
    return remove_temporaries(folder)
