"""Whose voice is it? Quotation marks, blockquotes, scam framing and negation around a finding.

A marketing term inside quotation marks, a Markdown blockquote, after 所谓/声称/骗子说, before
为诱饵/是骗局, or after a negation (不会承诺保本) is the case quoting or refuting the wording,
which is exactly what consumer-protection education does. ``TextContext.explain`` says why, or None.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Mapping

from .ruleset import ContextLexicon

SENTENCE_BREAKS = frozenset("。！？!?；;\n")
CLAUSE_BREAKS = SENTENCE_BREAKS | frozenset("，,、：:")
BLOCKQUOTE_LINE = re.compile(r"^[ \t]{0,3}>.*$", re.M)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


class TextContext:
    """Context facts about one text, computed once and asked about each finding."""

    def __init__(self, text: str, lexicon: ContextLexicon, *, markdown: bool = True) -> None:
        self.text = text
        self.lexicon = lexicon
        self._spans = quoted_spans(text, lexicon.quotes)
        if markdown:
            self._spans += [Span(m.start(), m.end(), "位于引用块内") for m in BLOCKQUOTE_LINE.finditer(text)]
        self._spans.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self._spans]

    def explain(self, start: int, end: int) -> str | None:
        """Why the text at [start, end) is not the bank's own claim, or None when it is."""
        return (self.enclosing(start, end) or self.framing(start, end) or self.reported(start, end)
                or self.negation(start) or self.question(end))

    def enclosing(self, start: int, end: int) -> str | None:
        index = bisect.bisect_right(self._starts, start)
        for span in reversed(self._spans[:index]):
            if span.start <= start and end <= span.end:
                return span.label
        return None

    def framing(self, start: int, end: int) -> str | None:
        lex = self.lexicon
        before = self.text[sentence_start(self.text, start, lex.before_window):start]
        found = lex.before.search(before)
        if found:
            return f"前有“{found.group()}”，是在转述骗术"
        after = self.text[end:sentence_end(self.text, end, lex.after_window)]
        found = lex.after.search(after)
        if found:
            return f"后有“{found.group()}”，是在揭示骗术"
        return None

    def reported(self, start: int, end: int) -> str | None:
        """A third party named earlier in the sentence, then a verb of saying or promising, and
        no word of the bank's own voice after the third party: 某“公司”推销……，承诺高额回报."""
        lex = self.lexicon
        lo = sentence_start(self.text, start, lex.sentence_window)
        before = self.text[lo:start]
        parties = [m for m in lex.third_party.finditer(before) if m.group()]
        for party in reversed(parties):
            if lex.own_voice.search(before, party.end()):
                return None  # 对方问我行产品是否保本: the bank speaks after the third party
            verb = lex.attribution.search(self.text, lo + party.end(), end)
            if verb is not None:
                return f"前文“{party.group()}……{verb.group()}”是在转述第三方的说法"
        return None

    def question(self, end: int) -> str | None:
        """A term right before a question mark (“数字养老币”稳赚不赔？) is put in doubt."""
        after = self.text[end:end + 2].lstrip("”’」』\"'")
        return "位于问句中，是在质疑" if after[:1] in ("？", "?") else None

    def negation(self, start: int) -> str | None:
        lex = self.lexicon
        lo = max(0, start - lex.negation_window)
        for index in range(start - 1, lo - 1, -1):
            if self.text[index] in CLAUSE_BREAKS:
                lo = index + 1
                break
        window = self.text[lo:start]
        for cue in lex.negation.finditer(window):
            if not window.startswith(lex.not_negation, cue.start()):
                return f"处于否定语境（“{cue.group()}”）"
        return None


def sentence_start(text: str, start: int, window: int) -> int:
    lo = max(0, start - window)
    for index in range(start - 1, lo - 1, -1):
        if text[index] in SENTENCE_BREAKS:
            return index + 1
    return lo


def sentence_end(text: str, end: int, window: int) -> int:
    hi = min(len(text), end + window)
    for index in range(end, hi):
        if text[index] in SENTENCE_BREAKS:
            return index
    return hi


def quoted_spans(text: str, quotes: Mapping[str, str]) -> list[Span]:
    """Every quotation in the text; one left open until the end of its paragraph is not a quotation."""
    spans: list[Span] = []
    for opening, closing in quotes.items():
        if opening not in text:
            continue
        label = f"位于引号{opening}{closing}内" if opening != "《" else "位于书名号《》内"
        position = 0
        while (start := _find_opening(text, opening, position)) != -1:
            stop = text.find(closing, start + 1)
            if stop == -1:
                break
            gap = PARAGRAPH_BREAK.search(text, start, stop) if "\n" in text[start:stop] else None
            if gap:
                position = gap.end()  # unclosed in its paragraph: look again in the next one
                continue
            spans.append(Span(start, stop + 1, label))
            position = stop + 1
    return spans


def _find_opening(paragraph: str, opening: str, position: int) -> int:
    """The next opening mark; an ASCII apostrophe between letters (don't) opens nothing."""
    while True:
        index = paragraph.find(opening, position)
        if index <= 0 or opening != "'" or not ASCII_LETTER.match(paragraph[index - 1]):
            return index
        position = index + 1
