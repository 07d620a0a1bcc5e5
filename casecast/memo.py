"""Small persistent caches in ``.cache/casecast/``: JSON maps from a content hash to a value.

A key is the hash of everything that affects its value (:func:`content_key`), so a stale entry is
never read, only left unused. ``save`` writes the file atomically, merged with what another process
may have saved meanwhile; ``save(prune=True)`` (a build that covered the whole library) keeps only
the entries this process read or wrote. The files are caches: deleting one is safe, and a folder
that cannot be written only costs time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

from .config import Config
from .writer import write_atomic


def cache_dir(config: Config) -> Path:
    return config.root / ".cache" / "casecast"


def content_key(*parts: str | bytes) -> str:
    """The sha256 of ``parts``, each length-prefixed (so ``("ab", "c")`` and ``("a", "bc")`` differ)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Memo:
    """One cache file: ``{"version": V, "entries": {key: value}}`` with JSON values."""

    def __init__(self, path: Path, version: int) -> None:
        self.path, self.version = path, version
        self._lock = threading.Lock()
        self._entries: dict[str, Any] | None = None
        self._new: dict[str, Any] = {}
        self._used: set[str] = set()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            entries = data.get("entries") if data.get("version") == self.version else None
            return entries if isinstance(entries, dict) else {}
        except (OSError, ValueError, AttributeError):
            return {}

    def get(self, key: str) -> Any | None:
        with self._lock:
            if self._entries is None:
                self._entries = self._load()
            value = self._new.get(key, self._entries.get(key))
            if value is not None:
                self._used.add(key)
            return value

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._new[key] = value
            self._used.add(key)

    def save(self, *, prune: bool = False) -> None:
        """Write the new entries (with ``prune``, only the entries used by this process are kept)."""
        with self._lock:
            if not self._new and not prune:
                return
            on_disk = self._load()
            entries = {**on_disk, **self._new}
            if prune:
                entries = {k: v for k, v in entries.items() if k in self._used}
                if entries.keys() == on_disk.keys() and not self._new:
                    return
            try:
                data = json.dumps({"version": self.version, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
                write_atomic(self.path, data.encode("utf-8"))
            except OSError:
                return  # a cache that cannot be written only costs time
            self._entries, self._new = entries, {}
