"""Written text → what the engine should say: lexicon, service numbers digit by digit, then wetext.

``wetext`` (the WeTextProcessing runtime) reads dates, amounts and percentages as a person does:
2024年3月15日 → 二零二四年三月十五日, 3.8万元 → 三点八万元, 36% → 百分之三十六.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Iterable

from .lexicon import Lexicon
from .numbers import read_service_numbers

_lock = threading.Lock()
_normalizer = None

LEFTOVER_MARKS = re.compile(r"[*_`#~|<>\[\]{}^\\]+")
SPACES = re.compile(r"[ \t\u3000]+")
CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def wetext_normalize(text: str) -> str:
    """wetext's Chinese text normalisation (the FSTs load once, on first use; calls are serialised)."""
    global _normalizer
    with _lock:
        if _normalizer is None:
            from wetext import Normalizer

            _normalizer = Normalizer(lang="zh", operator="tn")
        return _normalizer.normalize(text)


@dataclass(frozen=True)
class SpeechNormalizer:
    """Turns a written sentence into a spoken one, the same way for every engine."""

    lexicon: Lexicon = field(default_factory=Lexicon)
    service_numbers: tuple[str, ...] = ()

    def speak(self, written: str) -> str:
        text = self.lexicon.apply(written)
        text = read_service_numbers(text, self.service_numbers)
        text = wetext_normalize(text) if re.search(r"\d", text) else text
        text = LEFTOVER_MARKS.sub("", text)
        return CJK_SPACE.sub("", SPACES.sub(" ", text)).strip()

    def speak_all(self, sentences: Iterable[str]) -> list[str]:
        return [self.speak(s) for s in sentences]
