"""A persistent store of spoken scripts, so unchanged cases are not normalised again in every process.

Normalising a case with wetext takes tens of milliseconds; the compliance gate and the audio build
both need every script on every build. Scripts are kept in ``.cache/casecast/spoken-scripts.json``
(one per case, keyed by the hash of every input of the script, code and wetext version included),
so a script is reused only when it would come out identical. The file is a cache: deleting it is safe,
and a folder that cannot be written only costs time.
"""

from __future__ import annotations

import atexit
import json
import threading
import time
from pathlib import Path
from typing import Any, Sequence

from ...cast.roles import NARRATOR
from ...config import Config
from ...model import Case
from ..files import write_atomic
from .lexicon import Lexicon, load_lexicon
from .script import Part, Sentence, SpokenScript, build_script, script_source
from ..settings import AudioSettings, lexicon_path, parse_audio_settings

STORE_VERSION = 1
SAVE_INTERVAL = 5.0  #: seconds between saves while scripts are being added one by one


class ScriptStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._scripts: dict[str, dict[str, Any]] = {}
        self._loaded_mtime: int | None = None
        self._dirty = False
        self._saved_at = 0.0

    def _refresh(self) -> None:
        try:
            mtime = self.path.stat().st_mtime_ns
        except OSError:
            return
        if mtime == self._loaded_mtime:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            scripts = data["scripts"] if data.get("version") == STORE_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            scripts = {}
        self._scripts = {**scripts, **self._scripts} if self._dirty else dict(scripts)
        self._loaded_mtime = mtime

    def get(self, slug: str, source: str) -> SpokenScript | None:
        with self._lock:
            self._refresh()
            entry = self._scripts.get(slug)
        if not entry or entry.get("source") != source:
            return None
        try:
            parts = tuple(Part(title, tuple(Sentence(*sentence) for sentence in sentences), *pause) for title, sentences, *pause in entry["parts"])
        except (TypeError, ValueError, KeyError):
            return None
        return SpokenScript(slug, parts)

    def put(self, script: SpokenScript, source: str) -> None:
        parts = [[p.title, [[s.written, s.spoken, *([s.role] if s.role != NARRATOR else [])] for s in p.sentences], *([p.pause_after] if p.pause_after is not None else [])] for p in script.parts]
        with self._lock:
            self._scripts[script.slug] = {"source": source, "parts": parts}
            self._dirty = True

    def save(self, *, force: bool = True) -> None:
        """Write the store if it changed (when not ``force``d, at most every few seconds)."""
        with self._lock:
            if not self._dirty or (not force and time.monotonic() - self._saved_at < SAVE_INTERVAL):
                return
            if not self.path.parents[2].is_dir():  # the project folder itself is gone
                return
            data = {"version": STORE_VERSION, "scripts": dict(sorted(self._scripts.items()))}
            try:
                write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
                self._loaded_mtime = self.path.stat().st_mtime_ns
            except OSError:
                return  # a cache that cannot be written only costs time
            self._dirty = False
            self._saved_at = time.monotonic()


_stores: dict[Path, ScriptStore] = {}
_stores_lock = threading.Lock()


def script_store(config: Config) -> ScriptStore:
    """The project's store (one per process), saved at exit if anything is left unsaved."""
    path = config.root / ".cache" / "casecast" / "spoken-scripts.json"
    with _stores_lock:
        if path not in _stores:
            _stores[path] = ScriptStore(path)
        return _stores[path]


@atexit.register
def _save_all() -> None:
    for store in list(_stores.values()):
        store.save()


def cached_script(case: Case, config: Config, settings: AudioSettings, lexicon: Lexicon) -> SpokenScript:
    """The script from the store when its inputs are unchanged, else built (and stored)."""
    store = script_store(config)
    source = script_source(case, config, settings, lexicon)
    script = store.get(case.slug, source)
    if script is None:
        script = build_script(case, config, settings, lexicon)
        store.put(script, source)
    return script


def spoken_scripts(cases: Sequence[Case], config: Config) -> list[SpokenScript]:
    """The spoken scripts of ``cases`` (unchanged ones come from ``.cache/``, without wetext)."""
    settings = parse_audio_settings(config)
    lexicon = load_lexicon(lexicon_path(config, settings))
    scripts = [cached_script(case, config, settings, lexicon) for case in cases]
    script_store(config).save()
    return scripts


def spoken_script(case: Case, config: Config) -> SpokenScript:
    """The spoken script of ``case`` with the project's settings and lexicon (``content/lexicon.yml``)."""
    settings = parse_audio_settings(config)
    script = cached_script(case, config, settings, load_lexicon(lexicon_path(config, settings)))
    script_store(config).save(force=False)
    return script
