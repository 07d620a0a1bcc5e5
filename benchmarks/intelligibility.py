"""Scoring a recogniser's transcript against the text that was spoken: CER and toneless-pinyin error.

Both sides are normalised the same way first, so that only what was heard differently counts:
traditional characters become simplified (Whisper writes either), full-width forms become
half-width, Latin letters upper case, digits that are left are spelt one by one (一二三: hotlines
and years are read that way), 幺 (how a 1 is read in a hotline) counts as 一, and punctuation and
spaces are removed.

- CER: character edit distance (RapidFuzz's Levenshtein) over the reference's length.
- Toneless pinyin error: the same over syllables (pypinyin, no tones), so a homophone slip
  (还款 heard as 环款) costs nothing, and what is left is mispronunciation or missing speech. Two
  characters match when any of their readings agree (还 is hai, huan or xuan): a recogniser cannot
  tell which reading of a polyphone was meant, and pypinyin's guess of it is not always right.

Scores of several texts are pooled: total edits over total reference length, not a mean of ratios.
casecast-free on purpose (the unit tests import it without the engines or the recogniser).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

DIGITS = dict(zip("0123456789", "零一二三四五六七八九"))
NOT_SPOKEN = re.compile(r"[^0-9A-Z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (Whisper writes traditional ones as often as not)."""
    import zhconv

    return zhconv.convert(text, "zh-cn")


def normalise(text: str) -> str:
    """``text`` as compared: simplified, no punctuation or spaces, digits spelt per digit, 幺 → 一."""
    text = unicodedata.normalize("NFKC", to_simplified(text)).upper()
    text = NOT_SPOKEN.sub("", text).replace("幺", "一")
    return "".join(DIGITS.get(char, char) for char in text)


def syllables(text: str) -> list[frozenset[str]]:
    """The toneless readings of each character of normalised ``text`` (a Latin letter stays itself)."""
    from pypinyin import Style, pinyin

    # one character at a time: on a phrase pypinyin gives only the reading it picked for the phrase
    return [frozenset(pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda run: [run])[0]) for char in text]


@dataclass(frozen=True)
class Score:
    """Edits and reference length, in characters and in syllables (add scores to pool them)."""

    char_edits: int
    chars: int
    syllable_edits: int
    syllable_count: int

    @property
    def cer(self) -> float:
        return self.char_edits / self.chars if self.chars else 0.0

    @property
    def pinyin_error(self) -> float:
        return self.syllable_edits / self.syllable_count if self.syllable_count else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.char_edits + other.char_edits, self.chars + other.chars,
                     self.syllable_edits + other.syllable_edits, self.syllable_count + other.syllable_count)


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two sequences."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(reference, hypothesis)


def syllable_distance(reference: Sequence[frozenset[str]], hypothesis: Sequence[frozenset[str]]) -> int:
    """Levenshtein distance where two syllables match when they share a reading."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if ref & hyp else 1)))
        previous = current
    return previous[-1]


def score(reference: str, hypothesis: str) -> Score:
    """The score of one transcript; ``reference`` must have something to say."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        raise ValueError(f"nothing to score: the reference {reference!r} has no characters once normalised")
    ref_syllables, hyp_syllables = syllables(ref), syllables(hyp)
    return Score(edit_distance(ref, hyp), len(ref), syllable_distance(ref_syllables, hyp_syllables), len(ref_syllables))


def pooled(scores: Iterable[Score]) -> Score:
    """All ``scores`` as one (total edits over total length)."""
    total = Score(0, 0, 0, 0)
    for item in scores:
        total = total + item
    return total
