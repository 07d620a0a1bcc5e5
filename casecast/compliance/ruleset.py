"""The compiled rule set: every pack read, merged and turned into regular expressions, once.

``load_rule_set`` is cached on the pack files' names, sizes and modification times and on the
project's overrides, so a check of a thousand cases reads and compiles the packs a single time,
and an edit to a pack during ``serve`` is picked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import ConfigError
from .names import NOT_GIVEN
from .packs import Rule, read_packs, shipped_pack_files
from .settings import ComplianceSettings


@dataclass(frozen=True)
class Exceptions:
    """The phrases that exempt a finding of one rule: literal text, or regexes that must cover it."""

    literals: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def cover(self, text: str, start: int, end: int) -> bool:
        for phrase in self.literals:
            pos = text.find(phrase, max(0, end - len(phrase)), start + len(phrase))
            if pos != -1 and pos <= start and pos + len(phrase) >= end:
                return True
        for pattern in self.patterns:
            for match in pattern.finditer(text, max(0, start - 40), min(len(text), end + 40)):
                if match.start() <= start and match.end() >= end:
                    return True
        return False


@dataclass(frozen=True)
class ContextLexicon:
    """Compiled context words (see data/compliance/context.yml)."""

    quotes: Mapping[str, str]
    before: re.Pattern[str]
    before_window: int
    after: re.Pattern[str]
    after_window: int
    negation: re.Pattern[str]
    not_negation: tuple[str, ...]
    negation_window: int
    third_party: re.Pattern[str]  # someone who is not the bank: 骗子, 某“养老服务公司”, 自称…的人
    attribution: re.Pattern[str]  # what they do with the claim: 承诺, 声称, 鼓吹 …
    own_voice: re.Pattern[str]  # the bank itself: 我行, 本行, the organisation's name
    sentence_window: int


@dataclass(frozen=True)
class PrivacyLexicon:
    """Compiled word lists the personal-data detectors use (see data/compliance/p-personal-data.yml)."""

    serial_label: re.Pattern[str]
    name: re.Pattern[str]
    name_masks: tuple[str, ...]
    name_titles: tuple[str, ...]
    name_placeholders: frozenset[str]
    name_stops: tuple[str, ...]
    amount_unit: re.Pattern[str]
    public: re.Pattern[str]
    example_domains: tuple[str, ...]
    surname: re.Pattern[str]  # compound surnames first, then single ones
    mask_chars: frozenset[str]  # one-character name masks (某, *, X …)
    name_cues_before: tuple[str, ...]
    name_cues_after: tuple[str, ...]
    name_cue_after_firsts: frozenset[str]  # first characters of name_cues_after, for a quick test
    public_names: frozenset[str]
    famous_name_frequency: int  # a dictionary nr word this frequent is a public figure or a common word
    institution_contacts: tuple[str, ...]
    qq: re.Pattern[str]  # group 1: the number after a QQ label
    wechat: re.Pattern[str]  # group 1: the ID after a WeChat label


@dataclass(frozen=True)
class RuleSet:
    rules: Mapping[str, Rule]
    term_regex: re.Pattern[str] | None
    term_rules: Mapping[str, Rule]
    pattern_rules: tuple[tuple[Rule, re.Pattern[str]], ...]
    exceptions: Mapping[str, Exceptions]
    detectors: Mapping[str, Rule]  # detector name → rule
    risk_rules: tuple[Rule, ...]
    context: ContextLexicon
    privacy: PrivacyLexicon
    disabled: frozenset[str]
    warning_patterns: Mapping[str, tuple[re.Pattern[str], ...]]  # pack E rule code → its "re:" warnings
    historical: Mapping[str, tuple[re.Pattern[str], ...]]  # rule code → its historical-wording patterns


def load_rule_set(settings: ComplianceSettings) -> RuleSet:
    """The rule set for these settings, compiled once and cached until a pack file changes."""
    paths = (shipped_pack_files() if settings.shipped_packs else ()) + settings.packs
    return _compile_cached(tuple(_stamp(p) for p in paths), settings.disable, settings.severity, settings.organisation)


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        raise ConfigError(f"{path}: rule pack not found; fix the path in extra.casecast.compliance.packs") from None
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _compile_cached(stamps: tuple[tuple[str, int, int], ...], disable: frozenset[str], severity: tuple,
                    organisation: str = "") -> RuleSet:
    data = read_packs(tuple(Path(s[0]) for s in stamps))
    overrides = dict(severity)
    rules = {
        code: replace(rule, severity=overrides.get(code, rule.severity))
        for code, rule in data.rules.items()
        if code not in disable
    }
    marketing = [r for r in rules.values() if r.is_marketing]
    term_rules = _term_owners(marketing)
    return RuleSet(
        rules=rules,
        term_regex=re.compile(trie_pattern(term_rules)) if term_rules else None,
        term_rules=term_rules,
        pattern_rules=tuple((r, re.compile(p)) for r in marketing for p in r.patterns),
        exceptions={r.code: _exceptions(r) for r in marketing},
        detectors={r.detector: r for r in rules.values() if r.detector},
        risk_rules=tuple(r for r in rules.values() if r.triggers),
        context=compile_context(data.context, organisation),
        privacy=compile_privacy(data.privacy),
        disabled=disable,
        warning_patterns={r.code: tuple(re.compile(w[3:]) for w in r.warnings if w.startswith("re:")) for r in rules.values()},
        historical={r.code: tuple(re.compile(h) for h in r.historical) for r in rules.values() if r.historical},
    )


def _term_owners(rules: Iterable[Rule]) -> dict[str, Rule]:
    owners: dict[str, Rule] = {}
    for rule in rules:
        for term in rule.terms:
            other = owners.get(term)
            if other is not None and other.code != rule.code:
                raise ConfigError(
                    f"rule packs: term '{term}' is in both {other.code} ({other.source}) and {rule.code} ({rule.source}); "
                    "keep it in one rule"
                )
            owners[term] = rule
    return owners


def _exceptions(rule: Rule) -> Exceptions:
    literals = tuple(e for e in rule.exceptions if not e.startswith("re:"))
    patterns = tuple(re.compile(e[3:]) for e in rule.exceptions if e.startswith("re:"))
    return Exceptions(literals, patterns)


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many literal words, as a trie, preferring the longest match."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _emit(trie)


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _words(lexicon: Mapping[str, Any], key: str) -> list[str]:
    value = lexicon.get(key) or []
    if not isinstance(value, list) or not value:
        raise ConfigError(f"rule packs: '{key}' must be a non-empty list of words")
    return [str(v) for v in value]


def _number(lexicon: Mapping[str, Any], key: str) -> int:
    value = lexicon.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"rule packs: context '{key}' must be a positive whole number of characters")
    return value


def _alternation(words: Iterable[str]) -> str:
    return trie_pattern(words)


def compile_context(lexicon: Mapping[str, Any], organisation: str = "") -> ContextLexicon:
    quotes = lexicon.get("quotes") or {}
    if not isinstance(quotes, Mapping) or not all(len(str(k)) == 1 and len(str(v)) == 1 for k, v in quotes.items()):
        raise ConfigError("rule packs: context 'quotes' must map one opening character to one closing character")
    speaker = f"(?:{_alternation(_words(lexicon, 'speakers'))})[^。！？!?；;\\n]{{0,{_number(lexicon, 'speaker_gap')}}}?" \
              f"(?:{_alternation(_words(lexicon, 'speech_verbs'))})"
    return ContextLexicon(
        quotes={str(k): str(v) for k, v in quotes.items()},
        before=re.compile(f"{_alternation(_words(lexicon, 'before'))}|{speaker}"),
        before_window=_number(lexicon, "before_window"),
        after=re.compile(_alternation(_words(lexicon, "after"))),
        after_window=_number(lexicon, "after_window"),
        negation=re.compile(_alternation(_words(lexicon, "negation"))),
        not_negation=tuple(lexicon.get("not_negation") or ()),
        negation_window=_number(lexicon, "negation_window"),
        third_party=_compile(
            "context 'third_party_patterns'",
            "|".join([_alternation(_words(lexicon, "third_parties"))] + [f"(?:{p})" for p in _words(lexicon, "third_party_patterns")]),
        ),
        attribution=re.compile(_alternation(_words(lexicon, "attribution_verbs"))),
        own_voice=re.compile(_alternation(_words(lexicon, "own_voice") + ([organisation] if organisation else []))),
        sentence_window=_number(lexicon, "sentence_window"),
    )


def _compile(where: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"rule packs: {where} has an invalid regular expression: {exc}") from None


def compile_privacy(lexicon: Mapping[str, Any]) -> PrivacyLexicon:
    names = _alternation(_words(lexicon, "name_labels"))
    publics = "|".join(f"(?:{p})" for p in _words(lexicon, "public_patterns"))
    try:
        public = re.compile(publics)
    except re.error as exc:
        raise ConfigError(f"rule packs: privacy 'public_patterns' has an invalid regular expression: {exc}") from None
    return PrivacyLexicon(
        serial_label=re.compile(f"(?:{_alternation(_words(lexicon, 'serial_labels'))})\\s*(?:[:：#＃]|为|是)?\\s*$"),
        name=re.compile(f"(?:{names})\\s*(?:[:：]|\\|)\\s*([\\u4e00-\\u9fff·]{{2,6}})"),
        name_masks=tuple(_words(lexicon, "name_masks")),
        name_titles=tuple(_words(lexicon, "name_titles")),
        name_placeholders=frozenset(_words(lexicon, "name_placeholders")),
        name_stops=tuple(_words(lexicon, "name_stops")),
        amount_unit=re.compile(f"\\s*(?:{_alternation(_words(lexicon, 'amount_units'))})"),
        public=public,
        example_domains=tuple(d.lower() for d in _words(lexicon, "example_domains")),
        surname=re.compile(  # a surname followed by a character that can start a given name
            f"(?:(?:{_alternation(_words(lexicon, 'compound_surnames'))})|[{''.join(_words(lexicon, 'surnames'))}])"
            f"(?=[\\u4e00-\\u9fff])(?![{''.join(sorted(NOT_GIVEN))}])"
        ),
        mask_chars=frozenset(m for m in _words(lexicon, "name_masks") if len(m) == 1),
        name_cues_before=tuple(_words(lexicon, "name_cues_before")),
        name_cues_after=tuple(_words(lexicon, "name_cues_after")),
        name_cue_after_firsts=frozenset(w[0] for w in _words(lexicon, "name_cues_after")),
        public_names=frozenset(str(n) for n in lexicon.get("public_names") or ()),
        famous_name_frequency=_number(lexicon, "famous_name_frequency"),
        institution_contacts=tuple(_words(lexicon, "institution_contacts")),
        qq=re.compile(
            f"(?:{_alternation(_words(lexicon, 'qq_labels'))})\\s*(?:[:：(（]|为|是)?\\s*(\\d{{4,11}}(?: \\d{{3,4}})*)(?![\\d*])",
            re.I,
        ),
        wechat=re.compile(
            f"(?:{_alternation(_words(lexicon, 'wechat_labels'))})\\s*(?:[:：(（]|ID为|为|是)?\\s*"
            "((?=[A-Za-z][A-Za-z0-9_-]*[0-9_-])[A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_*-])"
        ),
    )
