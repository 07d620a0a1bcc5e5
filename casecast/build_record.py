"""The record of the last full build: when nothing it depends on changed, a rebuild is a no-op.

A full build depends on: the bytes of every file in the content folder, ``mkdocs.yml`` and
``templates/`` (pages, theme overrides, WeChat templates); the build's options; casecast's own code
and the version of every installed distribution (MkDocs, Material, wetext, the engines …). The hash
of all of them is the build's *inputs key*. After a successful build, ``.cache/casecast/build.json``
records the key, what the build printed (findings and summary) and the state of every output file
(size and modification time in site/, audio/, wechat/, print/, video/).

The next ``python build.py`` computes the key first. When it matches and every output file is still as
the build left it, nothing would change: the build prints the recorded findings and summary and says
it reused everything, without loading, gating or rendering a single case. Anything else (a case
saved with new bytes, a setting, a template, an upgraded library, an output file touched or
deleted, other options) runs the whole build. ``touch`` alone changes no byte, so it changes nothing.
One caveat is checked each time: episodes made offline are re-made with edge-tts once it answers, so
when the engine may be edge and some episode is not, the service is probed first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .config import Config
from .diagnostics import Diagnostic, Severity

RECORD_VERSION = 1
OUTPUT_FOLDERS = ("site", "audio", "wechat", "print", "video")
PACKAGE = Path(__file__).parent
OUTPUT_NEUTRAL_OPTIONS = ("jobs",)  #: options that change how fast a build is, never what it writes


@dataclass
class BuildRecord:
    inputs: str
    summary: list[str] = field(default_factory=list)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    outputs: dict[str, list[int]] = field(default_factory=dict)  #: path below the project → [size, mtime_ns]

    def findings(self) -> list[Diagnostic]:
        return [Diagnostic(**{**d, "severity": Severity(d["severity"])}) for d in self.diagnostics]


def record_path(config: Config) -> Path:
    return config.root / ".cache" / "casecast" / "build.json"


def inputs_key(config: Config, options: Any) -> str:
    """The hash of everything a full build's outputs depend on."""
    digest = hashlib.sha256(f"casecast build record {RECORD_VERSION}\n".encode())
    chosen = {k: v for k, v in asdict(options).items() if k not in OUTPUT_NEUTRAL_OPTIONS}
    digest.update(json.dumps(chosen, sort_keys=True, default=str).encode())
    digest.update(distributions().encode())
    for label, folder in (("code", PACKAGE), ("content", config.content_dir), ("templates", config.templates_dir)):
        for path in _files(folder):
            digest.update(f"\n{label}:{path.relative_to(folder).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(b"\nconfig\n" + config.config_file.read_bytes())
    return digest.hexdigest()


def output_state(config: Config) -> dict[str, list[int]]:
    """Size and modification time of every output file (hidden staging files excluded)."""
    state = {}
    for name in OUTPUT_FOLDERS:
        for path in _files(config.root / name):
            info = path.stat()
            state[path.relative_to(config.root).as_posix()] = [info.st_size, info.st_mtime_ns]
    return state


def load_record(config: Config) -> BuildRecord | None:
    try:
        data = json.loads(record_path(config).read_text(encoding="utf-8"))
        return BuildRecord(**data) if data.pop("version", None) == RECORD_VERSION else None
    except (OSError, ValueError, TypeError):
        return None


def reusable_record(config: Config, options: Any, inputs: str) -> BuildRecord | None:
    """The last build's record when a rebuild with ``options`` and ``inputs`` (its inputs key) would change nothing."""
    record = load_record(config)
    if record is None or record.inputs != inputs or record.outputs != output_state(config):
        return None
    if edge_may_remake(config, options):
        return None
    return record


def edge_may_remake(config: Config, options: Any) -> bool:
    """Whether a build with ``options`` could re-make an episode with edge-tts (so it must run):
    the engine may be edge, some episode was made offline, and the service answers (auto) or is
    required (edge)."""
    from .audio.episode.manifest import Manifest
    from .audio.engines import select
    from .audio.settings import parse_audio_settings

    settings = parse_audio_settings(config)
    requested = options.engine or settings.engine
    if requested not in ("auto", "edge"):
        return False
    if all(entry.engine == "edge" for entry in Manifest.load(config.audio_dir).entries.values()):
        return False
    return requested == "edge" or select.probe_edge(settings.probe_timeout_seconds) is None


def save_record(config: Config, inputs: str, summary: Iterable[str], diagnostics: Iterable[Diagnostic]) -> None:
    """Remember a successful full build of ``inputs``: the key taken before it read anything, so a case saved
    during the build is not taken as built (a record that cannot be written only costs the next build time)."""
    record = BuildRecord(inputs, list(summary),
                         [{**asdict(d), "severity": d.severity.value} for d in diagnostics], output_state(config))
    path = record_path(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps({"version": RECORD_VERSION, **asdict(record)}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found += [Path(root) / name for name in sorted(files) if not name.startswith(".") and not name.endswith(".pyc")]
    return found


def folder_digest(folder: Path) -> str:
    """The hash of every file's name and bytes below ``folder`` (hidden files and bytecode left out)."""
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(f"\n{path.relative_to(folder).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def distributions() -> str:
    """Every installed distribution and its version, one a line, sorted (read once per process).

    From the names of the ``name-version.dist-info`` folders on ``sys.path``, as installers write them,
    rather than from each one's metadata, which takes ten times as long to parse.
    """
    names: set[str] = set()
    for entry in sys.path:
        try:
            names.update(n.rsplit(".", 1)[0] for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return "\n".join(sorted(names))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """casecast's own code and every installed version (once per process): every remembered result depends on them."""
    return hashlib.sha256(f"{folder_digest(PACKAGE)}\n{distributions()}".encode()).hexdigest()
