"""The episode's timeline as stills: which picture shows from when to when (the audio sets the length).

The cover shows during the intro (片头), the end card during the outro (片尾), each other chapter
opens with its title card; otherwise the cue being spoken shows as a subtitle (split into pieces of
at most two lines, each given a share of the cue's time by its length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

INTRO, OUTRO = "片头", "片尾"
MIN_STILL_SECONDS = 0.04  #: one frame at 25 fps: shorter pictures would only flicker
_TIMING = re.compile(r"^(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Still:
    """One picture on the timeline: ``kind`` is cover | chapter | subtitle | blank | end."""

    start: float
    end: float
    kind: str
    text: tuple[str, ...] = ()  #: subtitle lines, or the chapter's title

    @property
    def duration(self) -> float:
        return self.end - self.start


def read_vtt(text: str) -> list[Cue]:
    """The cues of a WebVTT transcript as casecast writes it (timing line, then one text line)."""
    cues, lines = [], text.splitlines()
    for index, line in enumerate(lines):
        match = _TIMING.match(line.strip())
        if match:
            g = [int(x) for x in match.groups()]
            start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
            end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
            body = []
            for following in lines[index + 1:]:
                if not following.strip():
                    break
                body.append(following.strip())
            text_ = " ".join(body).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            cues.append(Cue(start, end, text_))
    return cues


def split_cue(cue: Cue, lines: Sequence[str], per_screen: int = 2) -> list[tuple[float, float, tuple[str, ...]]]:
    """The cue's wrapped lines in screens of ``per_screen`` lines, timed by their share of characters."""
    screens = [tuple(lines[i:i + per_screen]) for i in range(0, len(lines), per_screen)] or [()]
    total = sum(len("".join(s)) for s in screens) or 1
    pieces, start = [], cue.start
    for screen in screens:
        end = start + (cue.end - cue.start) * len("".join(screen)) / total
        pieces.append((start, end, screen))
        start = end
    return pieces


def build_timeline(duration: float, chapters: Sequence[tuple[float, str]], cues: Sequence[Cue], wrap, card_seconds: float) -> list[Still]:
    """Stills covering [0, duration] with no gap; ``wrap(text)`` gives a cue's subtitle lines."""
    marks: list[tuple[float, float, str, tuple[str, ...]]] = []  # (start, end, kind, text); later ones win
    starts = [c[0] for c in chapters] + [duration]
    for (start, title), end in zip(chapters, starts[1:]):
        if title == INTRO:
            marks.append((start, end, "cover", ()))
        elif title == OUTRO:
            marks.append((start, end, "end", ()))
    subtitles = [(a, b, "subtitle", lines) for cue in cues for a, b, lines in split_cue(cue, wrap(cue.text))]
    cards = [(start, min(start + card_seconds, end), "chapter", (title,))
             for (start, title), end in zip(chapters, starts[1:]) if title not in (INTRO, OUTRO)]
    return _flatten(duration, [*subtitles, *cards, *marks])


def _flatten(duration: float, marks: Sequence[tuple[float, float, str, tuple[str, ...]]]) -> list[Still]:
    points = sorted({0.0, duration, *(t for m in marks for t in m[:2] if 0 <= t <= duration)})
    stills: list[Still] = []
    for start, end in zip(points, points[1:]):
        if end - start < MIN_STILL_SECONDS and stills:  # a sliver (rounding between cues) extends the picture before it
            stills[-1] = Still(stills[-1].start, end, stills[-1].kind, stills[-1].text)
            continue
        middle = (start + end) / 2
        active = [m for m in marks if m[0] <= middle < m[1]]
        kind, text = (active[-1][2], active[-1][3]) if active else ("blank", ())
        if stills and (stills[-1].kind, stills[-1].text) == (kind, text):
            stills[-1] = Still(stills[-1].start, end, kind, text)
        else:
            stills.append(Still(start, end, kind, text))
    return stills
