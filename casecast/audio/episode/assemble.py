"""One episode's audio from its parts: parts joined with a short pause, one MP3, chapters and cues."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...errors import SynthesisError
from ..engines.base import Audio
from ..mp3 import encode_pcm, mp3_info, silence_mp3, silence_pcm
from ..speech.script import Part
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


def part_pauses(parts: Sequence[Part], pause: float) -> list[float]:
    """Silence after each part: its own ``pause_after`` (the quiz's time to think) or ``pause``; none after the last."""
    return [pause if p.pause_after is None else p.pause_after for p in parts[:-1]] + [0.0]


def _timeline(parts: Sequence[Part], audios: Sequence[Audio], gaps: Sequence[float]) -> tuple[list[Chapter], list[Cue], float]:
    chapters, cues, offset = [], [], 0.0
    for index, (part, audio) in enumerate(zip(parts, audios)):
        spans = sentence_spans([s.spoken for s in part.sentences], audio.boundaries, audio.duration)
        cues += [Cue(offset + a, offset + b, s.written) for s, (a, b) in zip(part.sentences, spans)]
        end = offset + audio.duration + gaps[index]
        if chapters and chapters[-1].title == part.title:  # parts of one title (the quiz's) are one chapter
            chapters[-1] = Chapter(chapters[-1].start, end, part.title)
        else:
            chapters.append(Chapter(offset, end, part.title))
        offset = end
    return chapters, cues, offset


def _assemble_pcm(parts: Sequence[Part], audios: Sequence[Audio], pause: float, bitrate: int, quality: int) -> Track:
    rate = audios[0].sample_rate
    silences = [silence_pcm(seconds, rate) for seconds in part_pauses(parts, pause)]
    gaps = [len(gap) / 2 / rate for gap in silences]
    pcm = b"".join(a.data + gap for a, gap in zip(audios, silences))
    chapters, cues, duration = _timeline(parts, audios, gaps)
    return Track(encode_pcm(pcm, rate, bitrate=bitrate, quality=quality), duration, tuple(chapters), tuple(cues))


def _assemble_mp3(parts: Sequence[Part], audios: Sequence[Audio], pause: float) -> Track:
    info = mp3_info(audios[0].data)
    made: dict[float, bytes] = {}
    for seconds in part_pauses(parts, pause):
        if seconds not in made:
            made[seconds] = silence_mp3(seconds, info.sample_rate, info.bitrate) if seconds > 0 else b""
    silences = [made[seconds] for seconds in part_pauses(parts, pause)]
    gaps = [mp3_info(gap).duration if gap else 0.0 for gap in silences]
    chapters, cues, duration = _timeline(parts, audios, gaps)
    return Track(b"".join(a.data + gap for a, gap in zip(audios, silences)), duration, tuple(chapters), tuple(cues))
