"""The engine interface: text in, audio (PCM or MP3) plus sentence timings out."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Protocol

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


def join_audio(pieces: "list[Audio]") -> Audio:
    """Pieces of one part (runs read by different voices) as one Audio: boundaries moved to their place."""
    if len(pieces) == 1:
        return pieces[0]
    if len({(p.kind, p.sample_rate) for p in pieces}) != 1:
        raise SynthesisError("the engine returned pieces in different audio formats; they cannot be joined")
    boundaries, offset = [], 0.0
    for piece in pieces:
        boundaries += [Boundary(offset + b.start, offset + b.end, b.text) for b in piece.boundaries]
        offset += piece.duration
    first = pieces[0]
    return Audio(first.kind, b"".join(p.data for p in pieces), first.sample_rate, offset, tuple(boundaries),
                 tuple(note for p in pieces for note in p.notes))


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

    def role_voice(self, narrator: str, role: str) -> str:
        """The voice of a character role for this engine, given the narrator's voice and the role's
        configured voice (``zh-CN-YunjianNeural@1.08,0.82``: edge-tts name, offline speed and pitch ratios)."""

    def synthesize(self, text: str, voice: str) -> Audio:
        """Speak ``text`` (one sentence a line); raise EngineError on failure."""

    # An engine may also have ``episode()``: a context manager giving the engine to make one episode's
    # calls with (espeak-ng: one child process for all of them). See ``speaking_episode``.


@contextmanager
def speaking_episode(engine: Engine) -> Iterator[Engine]:
    """The engine to make one episode with: the engine's ``episode()`` session where it has one, else itself."""
    episode = getattr(engine, "episode", None)
    if episode is None:
        yield engine
        return
    with episode() as session:
        yield session
