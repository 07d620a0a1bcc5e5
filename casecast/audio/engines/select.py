"""Choosing the engine: ``edge``, ``espeak``, or ``auto`` (edge when reachable, else espeak with a warning)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...errors import ConfigError
from ..settings import ENGINES, AudioSettings
from .base import Engine
from .edge import EdgeEngine, probe_edge
from .espeak import EspeakEngine

Probe = Callable[[float], "str | None"]


@dataclass
class EngineChoice:
    engine: Engine
    requested: str  #: what the user asked for: auto | edge | espeak
    offline_reason: str | None = None  #: why ``auto`` could not use edge

    @property
    def offline_fallback(self) -> bool:
        """True when ``auto`` wanted edge but had to use espeak."""
        return self.requested == "auto" and self.engine.name != "edge"


def make_engine(name: str, settings: AudioSettings) -> Engine:
    if name == "edge":
        return EdgeEngine(settings.voice, rate=settings.rate, timeout=settings.timeout_seconds,
                          concurrency=settings.edge_concurrency)
    if name == "espeak":
        return EspeakEngine(settings.espeak_voice)
    raise ConfigError(f"unknown engine '{name}'; use one of {', '.join(ENGINES)}")


def choose_engine(requested: str, settings: AudioSettings, *, probe: Probe | None = None) -> EngineChoice:
    """The engine to use; under ``auto`` edge is tried with a short timeout first."""
    if requested not in ENGINES:
        raise ConfigError(f"unknown engine '{requested}'; use one of {', '.join(ENGINES)}")
    if requested != "auto":
        return EngineChoice(make_engine(requested, settings), requested)
    reason = (probe or probe_edge)(settings.probe_timeout_seconds)
    if reason is None:
        return EngineChoice(make_engine("edge", settings), requested)
    return EngineChoice(make_engine("espeak", settings), requested, reason)
