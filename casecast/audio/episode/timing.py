"""Sentence timings: where each written sentence starts in a part's audio.

Engines report boundaries in their own words (edge-tts may cut sentences differently), so the
boundaries are located in the spoken text by their characters and turned into anchors
(character position → time); each sentence's start is read off the piecewise-linear map.
Without any usable boundary, time is shared out by character count.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from ..engines.base import Boundary

NOT_WORD = re.compile(r"[\W_]+")


def _letters(text: str) -> str:
    return NOT_WORD.sub("", text)


def _anchors(joined: str, boundaries: Sequence[Boundary], duration: float) -> list[tuple[int, float]]:
    anchors = [(0, 0.0)]
    cursor = 0
    for boundary in boundaries:
        key = _letters(boundary.text)
        position = joined.find(key, cursor) if key else -1
        if position < 0:
            continue
        for point in ((position, boundary.start), (position + len(key), boundary.end)):
            if point[0] >= anchors[-1][0] and anchors[-1][1] <= point[1] <= duration:
                anchors.append(point)
        cursor = position + len(key)
    anchors.append((max(len(joined), anchors[-1][0]), duration))
    return anchors


def _time_at(anchors: list[tuple[int, float]], position: int) -> float:
    positions = [p for p, _ in anchors]
    index = bisect.bisect_right(positions, position) - 1
    index = min(max(index, 0), len(anchors) - 2)
    (p0, t0), (p1, t1) = anchors[index], anchors[index + 1]
    if p1 == p0:
        return t1 if position >= p1 else t0
    return t0 + (t1 - t0) * (position - p0) / (p1 - p0)


def sentence_spans(sentences: Sequence[str], boundaries: Sequence[Boundary], duration: float) -> list[tuple[float, float]]:
    """(start, end) in seconds of each spoken sentence; consecutive, the last ending at ``duration``."""
    keys = [_letters(s) for s in sentences]
    offsets, total = [], 0
    for key in keys:
        offsets.append(total)
        total += len(key)
    anchors = _anchors("".join(keys), boundaries, duration)
    starts = [min(_time_at(anchors, offset), duration) for offset in offsets]
    starts = [max(start, starts[i - 1]) if i else 0.0 for i, start in enumerate(starts)]
    ends = starts[1:] + [duration]
    return list(zip(starts, ends))
