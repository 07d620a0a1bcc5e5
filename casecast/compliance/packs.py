"""Rule packs as data: read the shipped YAML packs and the project's own, merge them by code.

A pack file holds pack-level defaults (``category``, ``title``, ``basis``, ``severity``), a list of
``rules``, and optionally ``context`` and ``privacy`` lexicons whose lists are appended in load order.
A project rule with a code that already exists is merged into it (its lists are appended, its text
fields replace the shipped ones) unless it says ``replace: true``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..diagnostics import Severity
from ..errors import ConfigError

PACK_DIR = Path(__file__).resolve().parent.parent / "data" / "compliance"
CODE_PATTERN = re.compile(r"^[A-Z][0-9]{3}$")
PACK_KEYS = ("category", "title", "basis", "severity", "rules", "context", "privacy", "description")
RULE_KEYS = (
    "code", "name", "message", "category", "title", "basis", "severity", "terms", "patterns",
    "exceptions", "detector", "triggers", "warnings", "replace", "historical", "disclaimers", "needs",
)
LIST_KEYS = ("terms", "patterns", "exceptions", "triggers", "warnings", "historical", "disclaimers", "needs")


@dataclass(frozen=True)
class Rule:
    """One rule: what it matches, how serious it is in the bank's own voice, and why."""

    code: str
    category: str  # A–E for marketing, P for personal data
    title: str  # the category's name, e.g. 绝对化用语
    name: str  # the rule's name, e.g. 最高级用语
    severity: Severity
    basis: str  # the legal basis quoted in every message
    message: str
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    detector: str | None = None  # personal-data rules: the detector in privacy.py
    triggers: tuple[str, ...] = ()  # pack E: categories whose own-voice findings need a warning
    warnings: tuple[str, ...] = ()  # pack E: phrases (or "re:" patterns) that count as a risk warning
    historical: tuple[str, ...] = ()  # patterns: the finding is historical/benchmark wording …
    disclaimers: tuple[str, ...] = ()  # … and passes as info when the case carries one of these phrases
    needs: tuple[str, ...] = ()  # patterns are tried only on texts containing one of these words (speed)
    source: str = ""  # the pack file that defined it last

    @property
    def is_marketing(self) -> bool:
        return bool(self.terms or self.patterns)

    @property
    def label(self) -> str:
        """How messages name the rule: ``B类·保本保收益承诺（保本保息）``."""
        kind = "个人信息" if self.category == "P" else f"{self.category}类·{self.title}"
        return f"{kind}（{self.name}）"


@dataclass(frozen=True)
class PackData:
    """Everything read from the pack files, before compiling."""

    rules: dict[str, Rule] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    privacy: dict[str, Any] = field(default_factory=dict)


def shipped_pack_files() -> tuple[Path, ...]:
    return tuple(sorted(PACK_DIR.glob("*.yml")))


def read_packs(paths: tuple[Path, ...]) -> PackData:
    """Read and merge pack files in order; later files extend or override earlier ones."""
    data = PackData()
    for path in paths:
        _merge_pack(data, path, _read_yaml(path))
    return data


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: rule pack not found; fix the path in extra.casecast.compliance.packs") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: rule pack is not UTF-8; save it as UTF-8") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: broken YAML in rule pack: {getattr(exc, 'problem', exc)}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, Mapping):
        raise ConfigError(f"{path}: a rule pack must be a mapping with 'rules' (and optionally 'context', 'privacy')")
    return loaded


def _check_keys(where: str, mapping: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; use one of {', '.join(allowed)}"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")


def _merge_pack(data: PackData, path: Path, pack: Mapping[str, Any]) -> None:
    _check_keys(str(path), pack, PACK_KEYS)
    defaults = {k: pack[k] for k in ("category", "title", "basis", "severity") if k in pack}
    rules = pack.get("rules") or []
    if not isinstance(rules, list):
        raise ConfigError(f"{path}: 'rules' must be a list of rules, each with a code such as M101")
    for index, raw in enumerate(rules, start=1):
        rule = _read_rule(path, index, raw, defaults, data.rules)
        data.rules[rule.code] = rule
    for key, target in (("context", data.context), ("privacy", data.privacy)):
        _merge_lexicon(path, key, pack.get(key) or {}, target)


def _read_rule(path: Path, index: int, raw: Any, defaults: Mapping[str, Any], known: Mapping[str, Rule]) -> Rule:
    where = f"{path}: rule {index}"
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: each rule must be a mapping with code, name, message and terms or patterns")
    _check_keys(where, raw, RULE_KEYS)
    code = str(raw.get("code", ""))
    if not CODE_PATTERN.match(code):
        raise ConfigError(f"{where}: code '{code}' must be a capital letter and three digits, e.g. M101 or P201")
    where = f"{path}: rule {code}"
    base = known.get(code)
    if base is None or raw.get("replace"):
        return _new_rule(where, code, raw, defaults, path)
    return _extend_rule(where, base, raw, path)


def _new_rule(where: str, code: str, raw: Mapping[str, Any], defaults: Mapping[str, Any], path: Path) -> Rule:
    values = {**defaults, **raw}
    missing = [k for k in ("category", "title", "basis", "name", "message") if not values.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)} (give them on the rule or at the top of the pack)")
    rule = Rule(
        code=code,
        category=_text(where, values, "category"),
        title=_text(where, values, "title"),
        name=_text(where, values, "name"),
        severity=_severity(where, values.get("severity", "error")),
        basis=_text(where, values, "basis"),
        message=_text(where, values, "message"),
        detector=str(values["detector"]) if values.get("detector") else None,
        source=str(path),
        **{key: _strings(where, values, key) for key in LIST_KEYS},
    )
    _check_rule_shape(where, rule)
    return rule


def _extend_rule(where: str, base: Rule, raw: Mapping[str, Any], path: Path) -> Rule:
    changes: dict[str, Any] = {key: getattr(base, key) + _strings(where, raw, key) for key in LIST_KEYS if key in raw}
    for key in ("category", "title", "name", "basis", "message"):
        if key in raw:
            changes[key] = _text(where, raw, key)
    if "severity" in raw:
        changes["severity"] = _severity(where, raw["severity"])
    if "detector" in raw:
        changes["detector"] = str(raw["detector"])
    rule = replace(base, source=str(path), **changes)
    _check_rule_shape(where, rule)
    return rule


def _check_rule_shape(where: str, rule: Rule) -> None:
    kinds = sum((rule.is_marketing, rule.detector is not None, bool(rule.triggers)))
    if kinds != 1:
        raise ConfigError(f"{where}: a rule needs exactly one of terms/patterns, detector, or triggers+warnings")
    if rule.triggers and not rule.warnings:
        raise ConfigError(f"{where}: a risk-warning rule needs 'warnings', the phrases that count as a warning")
    regexes = tuple(e[3:] for e in rule.exceptions + rule.warnings if e.startswith("re:"))
    for pattern in rule.patterns + rule.historical + regexes:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: pattern '{pattern}' is not a valid regular expression: {exc}") from None


def _text(where: str, values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be text")
    return str(value)


def _strings(where: str, values: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = values.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of text")
    items = tuple(str(v) for v in value)
    if any(not item for item in items):
        raise ConfigError(f"{where}: '{key}' has an empty entry")
    return items


def _severity(where: str, value: Any) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise ConfigError(f"{where}: severity '{value}' must be error, warning or info") from None


def _merge_lexicon(path: Path, key: str, raw: Any, target: dict[str, Any]) -> None:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{path}: '{key}' must be a mapping of word lists")
    for name, value in raw.items():
        old = target.get(name)
        if isinstance(value, list) and isinstance(old, list):
            target[name] = old + [str(v) for v in value]
        elif isinstance(value, Mapping) and isinstance(old, Mapping):
            target[name] = {**old, **{str(k): str(v) for k, v in value.items()}}
        elif old is not None and type(old) is not type(value):
            raise ConfigError(f"{path}: {key}.{name} must be a {type(old).__name__}, like the shipped pack's")
        else:
            target[name] = value
