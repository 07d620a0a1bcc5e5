"""One episode's audio from its parts: parts joined with a short pause, one MP3, chapters and cues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..errors import SynthesisError
from .engines.base import Audio
from .mp3 import encode_pcm, mp3_info, silence_mp3, silence_pcm
from .script import Part
from .timing import sentence_spans


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  #: the written sentence


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str


@dataclass(frozen=True)
class Track:
    mp3: bytes  #: MP3 frames, without tags
    duration: float  #: seconds of synthesised audio, pauses included
    chapters: tuple[Chapter, ...]
    cues: tuple[Cue, ...]


def assemble_track(parts: Sequence[Part], audios: Sequence[Audio], *, pause: float, bitrate: int, quality: int) -> Track:
    """Join the parts' audio (PCM is encoded once with lameenc; MP3 frames are joined as they are)."""
    kinds = {a.kind for a in audios}
    rates = {a.sample_rate for a in audios}
    if len(kinds) != 1 or len(rates) != 1:
        raise SynthesisError("the engine returned parts in different audio formats; they cannot be joined")
    if kinds == {"pcm"}:
        return _assemble_pcm(parts, audios, pause, bitrate, quality)
    return _assemble_mp3(parts, audios, pause)


def _timeline(parts: Sequence[Part], audios: Sequence[Audio], gaps: Sequence[float]) -> tuple[list[Chapter], list[Cue], float]:
    chapters, cues, offset = [], [], 0.0
    for index, (part, audio) in enumerate(zip(parts, audios)):
        spans = sentence_spans([s.spoken for s in part.sentences], audio.boundaries, audio.duration)
        cues += [Cue(offset + a, offset + b, s.written) for s, (a, b) in zip(part.sentences, spans)]
        end = offset + audio.duration + gaps[index]
        chapters.append(Chapter(offset, end, part.title))
        offset = end
    return chapters, cues, offset


def _assemble_pcm(parts: Sequence[Part], audios: Sequence[Audio], pause: float, bitrate: int, quality: int) -> Track:
    rate = audios[0].sample_rate
    gap = silence_pcm(pause, rate)
    gaps = [len(gap) / 2 / rate] * (len(audios) - 1) + [0.0]
    pcm = gap.join(a.data for a in audios)
    chapters, cues, duration = _timeline(parts, audios, gaps)
    return Track(encode_pcm(pcm, rate, bitrate=bitrate, quality=quality), duration, tuple(chapters), tuple(cues))


def _assemble_mp3(parts: Sequence[Part], audios: Sequence[Audio], pause: float) -> Track:
    info = mp3_info(audios[0].data)
    gap = silence_mp3(pause, info.sample_rate, info.bitrate) if pause > 0 else b""
    gap_seconds = mp3_info(gap).duration if gap else 0.0
    gaps = [gap_seconds] * (len(audios) - 1) + [0.0]
    chapters, cues, duration = _timeline(parts, audios, gaps)
    return Track(gap.join(a.data for a in audios), duration, tuple(chapters), tuple(cues))
