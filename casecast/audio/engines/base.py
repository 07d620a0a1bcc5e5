"""The engine interface: text in, audio (PCM or MP3) plus sentence timings out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ...errors import SynthesisError
from ..mp3 import mp3_info


@dataclass(frozen=True)
class Boundary:
    """A sentence the engine reports, with its time span in seconds from the start of the audio."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Audio:
    """Synthesised speech: 16-bit mono little-endian PCM, or MP3 frames, with sentence boundaries."""

    kind: str  # "pcm" | "mp3"
    data: bytes
    sample_rate: int
    duration: float  # seconds
    boundaries: tuple[Boundary, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  #: (sentence, what the engine could not do there): warnings

    @classmethod
    def from_pcm(cls, data: bytes, sample_rate: int, boundaries: tuple[Boundary, ...] = (), *,
                 notes: tuple[tuple[str, str], ...] = ()) -> "Audio":
        return cls("pcm", data, sample_rate, len(data) / 2 / sample_rate, boundaries, notes)

    @classmethod
    def from_mp3(cls, data: bytes, boundaries: tuple[Boundary, ...] = ()) -> "Audio":
        info = mp3_info(data)
        return cls("mp3", data, info.sample_rate, info.duration, boundaries)


class EngineError(SynthesisError):
    """An engine failed; ``transient`` failures (network, service, timeout) are worth retrying."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class Engine(Protocol):
    """What the episode builder needs from an engine."""

    name: str  #: recorded per episode: "edge" | "espeak" | …

    def voice_for(self, case_voice: str | None) -> str:
        """The voice to use for a case (its ``voice`` field, when this engine can use it)."""

    def synthesize(self, text: str, voice: str) -> Audio:
        """Speak ``text`` (one sentence a line); raise EngineError on failure."""
