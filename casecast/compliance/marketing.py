"""Marketing wording (packs A–D): terms and patterns, minus each rule's exceptions, with context."""

from __future__ import annotations

from .context import TextContext
from .hits import Hit
from .ruleset import RuleSet


def find_marketing_wording(text: str, rules: RuleSet, context: TextContext) -> list[Hit]:
    """Every term or pattern match that no exception covers, each with its context (or None).

    Where matches overlap (年化收益稳定在12% contains 收益稳定), only the earliest, longest is kept.
    """
    hits = []
    if rules.term_regex is not None:
        for match in rules.term_regex.finditer(text):
            hits.append(Hit(rules.term_rules[match.group()], match.start(), match.end(), match.group()))
    for rule, pattern in rules.pattern_rules:
        hits += [Hit(rule, m.start(), m.end(), m.group()) for m in pattern.finditer(text) if m.end() > m.start()]
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end, h.rule.code)):
        if kept and hit.start < kept[-1].end:
            continue  # one finding per stretch of text: the earliest, longest match wins
        if rules.exceptions[hit.rule.code].cover(text, hit.start, hit.end):
            continue
        kept.append(Hit(hit.rule, hit.start, hit.end, hit.matched, context.explain(hit.start, hit.end)))
    return kept
