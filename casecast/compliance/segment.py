"""Chinese word segmentation for the gate, with jieba: words and their part-of-speech tags.

jieba is slow next to the gate's regular expressions (about 100,000 characters a second with
tags), so the gate segments only short stretches: the clause around a candidate name or a
marketing term. Results are cached by the stretch's text; a build checks each case and then
every channel's text, which repeats the same clauses.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import NamedTuple


class Word(NamedTuple):
    text: str
    tag: str  # jieba's tag: nr person name, ns place, nt organisation, v verb …
    start: int  # offset within the segmented stretch


_ready = False


def _initialise() -> None:
    global _ready
    if not _ready:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _ready = True


@lru_cache(maxsize=16384)
def tagged_words(stretch: str) -> tuple[Word, ...]:
    """The words of ``stretch`` with their tags, in order."""
    _initialise()
    import jieba.posseg

    words, position = [], 0
    for pair in jieba.posseg.cut(stretch):
        words.append(Word(pair.word, pair.flag, position))
        position += len(pair.word)
    return tuple(words)


@lru_cache(maxsize=16384)
def word_starts(stretch: str) -> frozenset[int]:
    """Offsets at which a word begins in ``stretch`` (jieba's default mode), plus its end."""
    _initialise()
    import jieba

    starts, position = set(), 0
    for word in jieba.cut(stretch):
        starts.add(position)
        position += len(word)
    starts.add(position)
    return frozenset(starts)


def dictionary_tag(word: str) -> str | None:
    """jieba's dictionary tag for ``word``, or None when it is not a dictionary word."""
    _initialise()
    import jieba.posseg

    if not jieba.dt.FREQ.get(word):
        return None
    return jieba.posseg.dt.word_tag_tab.get(word, "x")


def dictionary_frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's dictionary corpus (0 when it is not a word)."""
    _initialise()
    import jieba

    return jieba.dt.FREQ.get(word) or 0
