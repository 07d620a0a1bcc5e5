"""Chinese word segmentation for the gate, with jieba: words and their part-of-speech tags.

jieba is slow next to the gate's regular expressions (about 100,000 characters a second with
tags), so the gate segments only short stretches: the clause around a candidate name or a
marketing term. Results are cached by the stretch's text; a build checks each case and then
every channel's text, which repeats the same clauses.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, NamedTuple


class Word(NamedTuple):
    text: str
    tag: str  # jieba's tag: nr person name, ns place, nt organisation, v verb …
    start: int  # offset within the segmented stretch


_jieba: Any = None
_posseg: Any = None
_freq: dict[str, int] = {}
_tags: dict[str, str] = {}


def load_dictionary() -> None:
    """Load jieba's dictionary in this process (about half a second), without the part-of-speech tagger.

    A build does so before it forks its review workers: they share it instead of each loading its own,
    and the site's search (Material segments with jieba too) finds it loaded.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _initialise() -> None:
    """Load jieba's dictionary and tagger once, on the first text that needs them."""
    global _jieba, _posseg, _freq, _tags
    if _jieba is None:
        import jieba
        import jieba.posseg

        load_dictionary()
        _jieba, _posseg = jieba, jieba.posseg
        _freq, _tags = jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def clear_caches() -> None:
    """Forget segmented stretches (benchmarks measure the gate on text it has not seen)."""
    tagged_words.cache_clear()
    word_starts.cache_clear()
    from .names import is_ordinary_word

    is_ordinary_word.cache_clear()


@lru_cache(maxsize=16384)
def tagged_words(stretch: str) -> tuple[Word, ...]:
    """The words of ``stretch`` with their tags, in order."""
    _initialise()
    words, position = [], 0
    for pair in _posseg.cut(stretch):
        words.append(Word(pair.word, pair.flag, position))
        position += len(pair.word)
    return tuple(words)


@lru_cache(maxsize=16384)
def word_starts(stretch: str) -> frozenset[int]:
    """Offsets at which a word begins in ``stretch`` (jieba's default mode), plus its end."""
    _initialise()
    starts, position = set(), 0
    for word in _jieba.cut(stretch):
        starts.add(position)
        position += len(word)
    starts.add(position)
    return frozenset(starts)


def dictionary_tag(word: str) -> str | None:
    """jieba's dictionary tag for ``word``, or None when it is not a dictionary word."""
    _initialise()
    if not _freq.get(word):
        return None
    return _tags.get(word, "x")


def dictionary_frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's dictionary corpus (0 when it is not a word)."""
    _initialise()
    return _freq.get(word) or 0
