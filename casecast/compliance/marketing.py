"""Marketing wording (packs A–D): terms and patterns, minus each rule's exceptions, with context."""

from __future__ import annotations

import re

from .context import TextContext
from .hits import Hit
from .ruleset import RuleSet
from .segment import word_starts

#: How far either side of a term the segmenter reads to decide where words begin.
SEGMENT_WINDOW = 12
HAN = re.compile("[\u4e00-\u9fff]")
HAN_BEFORE = re.compile("[\u4e00-\u9fff]+$")
HAN_AFTER = re.compile(f"[\u4e00-\u9fff]{{0,{SEGMENT_WINDOW}}}")


def find_marketing_wording(text: str, rules: RuleSet, context: TextContext) -> list[Hit]:
    """Every term or pattern match that no exception covers, each with its context (or None).

    Where matches overlap (年化收益稳定在12% contains 收益稳定), only the earliest, longest is kept.
    """
    hits = []
    if rules.term_regex is not None:
        for match in rules.term_regex.finditer(text):
            hits.append(Hit(rules.term_rules[match.group()], match.start(), match.end(), match.group()))
    for rule, pattern in rules.pattern_rules:
        if rule.needs and not any(word in text for word in rule.needs):
            continue
        hits += [Hit(rule, m.start(), m.end(), m.group()) for m in pattern.finditer(text) if m.end() > m.start()]
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end, h.rule.code)):
        if kept and hit.start < kept[-1].end:
            continue  # one finding per stretch of text: the earliest, longest match wins
        if rules.exceptions[hit.rule.code].cover(text, hit.start, hit.end):
            continue
        if hit.matched in rules.term_rules and not starts_a_word(text, hit.start, hit.end):
            continue  # 原有保障: 有保障 starts inside the word 原有
        kept.append(Hit(hit.rule, hit.start, hit.end, hit.matched, context.explain(hit.start, hit.end)))
    return kept


def starts_a_word(text: str, start: int, end: int) -> bool:
    """Does the term at [start, end) begin a word? The segmenter reads the term with up to 12
    Chinese characters either side; 原有保障 is 原有/保障, so 有保障 is no word there."""
    if start == 0 or not HAN.match(text, start - 1) or not HAN.match(text, start):
        return True
    left = HAN_BEFORE.search(text, max(0, start - SEGMENT_WINDOW), start)
    right = HAN_AFTER.match(text, end)
    lo = left.start() if left else start
    hi = right.end() if right else end
    return (start - lo) in word_starts(text[lo:hi])
