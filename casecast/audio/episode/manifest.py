"""The episode manifest, ``audio/manifest.json``: every ``Episode`` (what was made from what), so unchanged episodes are reused.

An episode's ``key`` hashes every input of its sound (spoken script, engine, voice, audio settings);
its ``tag_key`` hashes every input of its ID3 tags (title, summary, cover …). An unchanged ``key``
means no synthesis; a changed ``tag_key`` alone means the MP3 is re-tagged, not re-synthesised.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ...errors import BuildError
from ...model import Episode
from ...writer import FileSet
from ..files import write_if_changed

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


def content_hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class Manifest:
    """The manifest file, updated entry by entry (thread-safe) and saved atomically."""

    def __init__(self, path: Path, entries: dict[str, Episode] | None = None, files: FileSet | None = None) -> None:
        self.path = path
        self.entries: dict[str, Episode] = dict(entries or {})
        self.files = files  #: when set, the manifest and its episodes are staged there (a build's transaction)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, audio_dir: Path, files: FileSet | None = None) -> "Manifest":
        """The manifest in ``audio_dir``, or (with ``files``) the one staged by this or a killed build."""
        path = files.locate(MANIFEST_NAME) if files else audio_dir / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, files=files)
        except (ValueError, UnicodeDecodeError):
            return cls(path, files=files)  # a damaged manifest only costs a rebuild
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return cls(path, files=files)
        entries = {}
        for slug, raw in (data.get("episodes") or {}).items():
            try:
                entries[slug] = Episode(**raw)
            except TypeError:
                continue
        return cls(path, entries, files)

    def locate(self, name: str) -> Path:
        """Where an episode file is now: staged by this build, else in ``audio/``."""
        return self.files.locate(name) if self.files else self.path.parent / name

    def get(self, slug: str) -> Episode | None:
        return self.entries.get(slug)

    def put(self, entry: Episode) -> None:
        with self._lock:
            self.entries[entry.slug] = entry
            self._save()

    def remove(self, slug: str) -> None:
        with self._lock:
            self.entries.pop(slug, None)
            self._save()

    def _save(self) -> None:
        data = {"version": MANIFEST_VERSION, "episodes": {s: asdict(e) for s, e in sorted(self.entries.items())}}
        text = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
        try:
            self.files.write(MANIFEST_NAME, text) if self.files else write_if_changed(self.path, text)
        except OSError as exc:
            raise BuildError(f"{self.path}: cannot write the episode manifest ({exc.strerror})") from None

    def is_intact(self, entry: Episode) -> bool:
        """True when the entry's files are all there and the MP3 has the recorded size."""
        mp3 = self.locate(entry.mp3)
        return (mp3.is_file() and mp3.stat().st_size == entry.size
                and self.locate(entry.transcript).is_file() and self.locate(entry.chapters_file).is_file())
